/**
 * The demo report's first screen, in headless Chromium (Debian's chromium driven by
 * playwright-core; never a downloaded browser) at 1400 px wide: the score and the
 * top failing controls lie within the first 1,000 px, and with every control
 * collapsed the whole page stays under 8,000 px. Screenshots are saved to
 * test-artifacts/ (report-first-screen.png, report-collapsed.png).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const FIRST_SCREEN = 1_000;
const MAX_PAGE = 8_000;

const available = existsSync(CHROMIUM);
if (!available && process.env.HUBCHECK_REQUIRE_CHROMIUM) throw new Error(`${CHROMIUM} is missing and HUBCHECK_REQUIRE_CHROMIUM is set`);
const describeBrowser = available ? describe : describe.skip;

describeBrowser(`the demo report's layout at 1400 px${available ? '' : ' [skipped: /usr/bin/chromium is not installed; apt-get install chromium]'}`, () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-layout-'));
    // With history, as `hubcheck demo` runs: the changes section is on the page too.
    expect((await cli(['demo', '--output-dir', path.join(dir, 'demo'), '--format', 'html', '--no-progress'])).code).toBe(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: FIRST_SCREEN } });
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.goto(pathToFileURL(path.join(dir, 'demo', 'report.html')).href);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  // The page is not scrolled before these are read: viewport coordinates are page coordinates.
  const box = async (locator: Locator) => {
    const b = await locator.boundingBox();
    if (!b) throw new Error('element not rendered');
    return b;
  };
  const bottomOf = async (selector: string) => {
    const b = await box(page.locator(selector).first());
    return b.y + b.height;
  };
  const topOf = async (selector: string) => (await box(page.locator(selector).first())).y;

  it('shows the score and the top failing controls within the first 1,000 px', async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-first-screen.png') });
    expect(await bottomOf('.card.score')).toBeLessThan(FIRST_SCREEN);
    expect(await page.locator('.card.score .big').first().textContent()).toMatch(/^\d+(\.\d)?%$/);
    const rows = page.locator('#fix-first tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(5);
    // At least the top five failing controls, the first of them CRITICAL, fit on the first screen.
    const fifth = await box(rows.nth(4));
    expect(fifth.y + fifth.height).toBeLessThan(FIRST_SCREEN);
    expect(await rows.first().locator('.badge').textContent()).toBe('CRITICAL');
    expect(await topOf('#fix-first')).toBeLessThan(await topOf('#findings'));
  });

  it('puts the changes since the last scan after the controls', async () => {
    expect(await topOf('#changes')).toBeGreaterThan(await topOf('#findings'));
  });

  it('collapses every control, giving its failing counts per Region and per account', async () => {
    expect(await page.locator('section.control > details').count()).toBeGreaterThan(20);
    expect(await page.locator('section.control > details[open]').count()).toBe(0);
    const first = page.locator('section.control[data-outcome="FAILED"]').first();
    expect(await first.locator('.spread').textContent()).toMatch(/^Failing in \d+ Regions?: .+ · 1 account: \d{12} \d+$/);
  });

  it('is under 8,000 px long with the controls collapsed, and saves a full-page screenshot', async () => {
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    expect(height).toBeLessThan(MAX_PAGE);
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-collapsed.png'), fullPage: true });
  });

  it('opens a control on click, and a filter opens the controls it matches', async () => {
    const first = page.locator('section.control').first();
    await first.locator(':scope > details > summary').click();
    expect(await first.locator('tr.finding').first().isVisible()).toBe(true);
    await first.locator(':scope > details > summary').click();
    await page.selectOption('#f-control', 'IAM.5');
    expect(await page.locator('section.control[data-control="IAM.5"] > details').getAttribute('open')).not.toBeNull();
    expect(await page.locator('section.control[data-control="IAM.5"] tr.finding').first().isVisible()).toBe(true);
    await page.click('#f-reset');
    expect(await page.locator('section.control > details[open]').count()).toBe(0);
  });
});
