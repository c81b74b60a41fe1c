/**
 * report.html of controls with more findings than it lists, in headless
 * Chromium (Debian's chromium via playwright-core): the page total is every
 * finding, the shown count is the rows the page has, the filters count those,
 * and each cut control says so.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { htmlReport } from '../../reports/html.js';
import { REPORT_ROWS_PER_CONTROL, isFailing, reportModel } from '../../reports/model.js';
import { finding } from '../helpers/findings.js';

vi.setConfig({ testTimeout: 60_000 });

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.HUBCHECK_REQUIRE_CHROMIUM) throw new Error(`${CHROMIUM} is missing and HUBCHECK_REQUIRE_CHROMIUM is set`);
const describeBrowser = available ? describe : describe.skip;

const PER_CONTROL = REPORT_ROWS_PER_CONTROL + 60;
const CONTROLS = [
  ['ec2-default-sg-closed', 'EC2.2'],
  ['iam-user-console-mfa-enabled', 'IAM.5'],
  ['s3-bucket-public-access-blocked', 'S3.8'],
] as const;
const STATUSES = ['FAILED', 'PASSED', 'WARNING', 'NOT_AVAILABLE'] as const;

const findings: AwsSecurityFinding[] = CONTROLS.flatMap(([rule, control], c) =>
  Array.from({ length: PER_CONTROL }, (_, i) =>
    finding({ rule, control, status: STATUSES[(i + c) % 4]!, account: String(100000000000 + (i % 7)), resource: `r-${c}-${i}`, name: `<img src=x onerror=alert(${i})>` }),
  ),
);

describeBrowser(`a report.html that lists part of its findings, in headless Chromium${available ? '' : ' [skipped: no /usr/bin/chromium]'}`, () => {
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const model = reportModel(findings);
  const listed = model.groups.flatMap((g) => g.findings);

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-html-cut-'));
    const file = path.join(dir, 'report.html');
    await writeFile(file, htmlReport(findings));
    context = await chromium.launchPersistentContext(await mkdtemp(path.join(tmpdir(), 'hubcheck-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    await context.route('**/*', (route) => (route.request().url() === pathToFileURL(file).href ? route.continue() : route.abort()));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(pathToFileURL(file).href);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  const shown = async () => Number(await page.locator('#shown-count').textContent());
  const visibleRows = () => page.locator('tr.finding:not([hidden])').count();

  it('counts the rows it has against the real total, and says why they differ', async () => {
    expect(listed).toHaveLength(3 * REPORT_ROWS_PER_CONTROL);
    expect(await visibleRows()).toBe(listed.length);
    expect(await shown()).toBe(listed.length);
    expect(await page.locator('#shown').textContent()).toContain(`of ${findings.length} findings`);
    expect(Number(await page.locator('#total-findings').textContent())).toBe(findings.length);
    expect(await page.locator('#listed').textContent()).toContain(`${listed.length} of ${findings.length} findings are listed`);
    expect(await page.locator('section.control .truncated').count()).toBe(3);
  });

  it('filters the listed rows and opens the controls they are in, the cut note included', async () => {
    await page.selectOption('#f-status', 'FAILED');
    const failing = listed.filter(isFailing).length;
    expect(await visibleRows()).toBe(failing);
    expect(await shown()).toBe(failing);
    expect(Number(await page.locator('[data-count="FAILED"]').textContent())).toBe(failing);
    expect(await page.locator('section.control .truncated').first().isVisible()).toBe(true);
    expect(await page.locator('section.control .truncated').first().textContent()).toBe(
      `Showing the first ${REPORT_ROWS_PER_CONTROL} of ${PER_CONTROL} findings of this control (failing first); every finding is in findings.asff.json (and findings.csv with --format csv).`,
    );
    await page.click('#f-reset');
    expect(await shown()).toBe(listed.length);
  });

  it('keeps hostile names as text', () => {
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
