/**
 * report.html in headless Chromium (Debian's chromium, driven by playwright-core;
 * never a downloaded browser): the filters and search change the visible rows and
 * the counts, the counts match findings.asff.json, failing controls come first,
 * hostile names from AWS stay text (no dialog fires), and the page makes no
 * network request. A screenshot is saved in test-artifacts/.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';
import { finding } from '../helpers/findings.js';

// Each test drives headless Chromium: a few seconds alone, far longer on a loaded 2-core machine.
vi.setConfig({ testTimeout: 60_000 });

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const HOSTILE_TAG = '"><script>alert(2)</script>';

const available = existsSync(CHROMIUM);
if (!available && process.env.HUBCHECK_REQUIRE_CHROMIUM) throw new Error(`${CHROMIUM} is missing and HUBCHECK_REQUIRE_CHROMIUM is set`);
const describeBrowser = available ? describe : describe.skip;

describeBrowser(`report.html in headless Chromium${available ? '' : ' [skipped: /usr/bin/chromium is not installed; apt-get install chromium]'}`, () => {
  let context: BrowserContext;
  let page: Page;
  let findings: AwsSecurityFinding[] = [];
  let fileUrl = '';
  const dialogs: string[] = [];
  const requests: string[] = [];
  const blocked: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-html-'));
    expect((await cli(['demo', '--output-dir', dir, '--no-state', '--format', 'json'])).code).toBe(0);
    const file = path.join(dir, 'findings.asff.json');
    findings = JSON.parse(await readFile(file, 'utf8')) as AwsSecurityFinding[];
    findings.push(
      finding({
        account: '111122223333',
        region: 'us-east-1',
        resource: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-<svg onload=alert(5)>',
        name: HOSTILE_NAME,
        tags: { Name: HOSTILE_TAG },
        reason: '<script>alert(3)</script> allows 0.0.0.0/0',
        evidence: { policy: '{"Statement":"</script><script>alert(4)</script>"}' },
      }),
    );
    findings[findings.length - 1]!.Remediation!.Recommendation!.Url = 'javascript:alert(6)';
    await writeFile(file, JSON.stringify(findings));
    const rendered = await cli(['report', file, '--format', 'html']);
    expect(rendered.code).toBe(0);
    const html = path.join(dir, 'report.html');
    expect(rendered.stdout.trim()).toBe(html);
    fileUrl = pathToFileURL(html).href;

    context = await chromium.launchPersistentContext(await mkdtemp(path.join(tmpdir(), 'hubcheck-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1300, height: 900 },
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === fileUrl) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(fileUrl);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  const visibleRows = () => page.locator('tr.finding:not([hidden])').count();
  const shown = async () => Number(await page.locator('#shown-count').textContent());
  const countOf = async (status: string) => Number(await page.locator(`[data-count="${status}"]`).textContent());
  const expectShown = async (n: number) => {
    expect(await visibleRows()).toBe(n);
    expect(await shown()).toBe(n);
  };
  const failing = (f: AwsSecurityFinding) => f.Compliance?.Status === 'FAILED' && f.Workflow?.Status !== 'SUPPRESSED';

  it('shows every finding with counts that match findings.asff.json', async () => {
    await expectShown(findings.length);
    expect(await countOf('FAILED')).toBe(findings.filter(failing).length);
    expect(await countOf('PASSED')).toBe(findings.filter((f) => f.Compliance?.Status === 'PASSED').length);
    expect(Number(await page.locator('#total-findings').textContent())).toBe(findings.length);
    expect(Number(await page.locator('#total-failing').textContent())).toBe(findings.filter(failing).length);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: true });
  });

  it('lists the failing controls first, most severe first', async () => {
    const outcomes = await page.locator('section.control').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')));
    const firstPassing = outcomes.indexOf('PASSED');
    expect(outcomes.slice(0, outcomes.lastIndexOf('FAILED') + 1).every((o) => o === 'FAILED')).toBe(true);
    expect(firstPassing).toBeGreaterThan(0);
    // The first control is one of the CRITICAL failing ones (the demo's root user has no MFA).
    const critical = new Set(findings.filter((f) => failing(f) && f.Severity?.Label === 'CRITICAL').map((f) => f.Compliance?.SecurityControlId));
    expect(critical.has((await page.locator('section.control').first().getAttribute('data-control')) ?? undefined)).toBe(true);
  });

  it('filters by severity, status, Region, account and control, and updates the counts', async () => {
    await page.selectOption('#f-severity', 'HIGH');
    await expectShown(findings.filter((f) => f.Severity?.Label === 'HIGH').length);
    expect(await countOf('PASSED')).toBe(0);
    expect(await page.locator('section.control[data-control="IAM.9"]').isHidden()).toBe(true);

    await page.selectOption('#f-status', 'PASSED');
    await expectShown(0);
    expect(await page.locator('#no-match').isVisible()).toBe(true);

    await page.click('#f-reset');
    await expectShown(findings.length);

    await page.selectOption('#f-status', 'PASSED');
    await expectShown(findings.filter((f) => f.Compliance?.Status === 'PASSED').length);
    await page.selectOption('#f-status', '');

    await page.selectOption('#f-region', 'eu-west-1');
    await expectShown(findings.filter((f) => f.Resources?.[0]?.Region === 'eu-west-1').length);
    await page.selectOption('#f-region', '');

    await page.selectOption('#f-account', '111122223333');
    await expectShown(1);
    await page.selectOption('#f-account', '');

    await page.selectOption('#f-control', 'IAM.5');
    await expectShown(findings.filter((f) => f.Compliance?.SecurityControlId === 'IAM.5').length);
    expect(await page.locator('section.control:not([hidden])').count()).toBe(1);
    await page.click('#f-reset');
    await expectShown(findings.length);
  });

  it('searches names, ARNs and reasons as text', async () => {
    await page.fill('#f-search', 'ONERROR');
    await expectShown(1);
    await page.fill('#f-search', 'alice.nguyen');
    await expectShown(findings.filter((f) => JSON.stringify(f).includes('alice.nguyen')).length);
    await page.fill('#f-search', 'no such thing anywhere');
    await expectShown(0);
    await page.fill('#f-search', '');
    await expectShown(findings.length);
  });

  it('shows hostile names, tags, reasons and evidence as text, and no script runs', async () => {
    const row = page.locator('tr.finding[data-account="111122223333"]');
    expect(await row.locator('.rname').textContent()).toBe(HOSTILE_NAME);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(HOSTILE_TAG);
    expect(text).toContain('<script>alert(3)</script>');
    expect(text).toContain('</script><script>alert(4)</script>');
    expect(text).toContain('sg-<svg onload=alert(5)>');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('svg[onload]').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    // The javascript: remediation URL is not a link.
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('makes no network request besides loading the file itself', () => {
    expect(blocked).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });
});
