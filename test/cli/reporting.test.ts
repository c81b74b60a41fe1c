/**
 * `hubcheck scan` with reports, history, suppressions, notifications and the
 * state lock, run in-process on the demo snapshot (no AWS): --rules changes what
 * each scan sees, the way a changing account would.
 */
import http from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { acquireLock } from '../../src/io/lock.js';
import { cli } from '../helpers/cli.js';

const SNAPSHOT = 'demo/acme-snapshot.json';

// A demo replay takes seconds alone and far longer on a loaded 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

/**
 * A folder and state file of one test's own. Nothing is shared between tests at
 * module level: a scan still running after its test timed out writes into its
 * own test's folder, never into the next one's.
 */
async function workspace() {
  const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-reporting-'));
  const state = path.join(dir, 'state.sqlite');
  async function scan(name: string, args: string[]) {
    const out = path.join(dir, name);
    const result = await cli(['scan', '--replay', SNAPSHOT, '--output-dir', out, '--no-progress', '--state', state, ...args]);
    const read = async (file: string) => readFile(path.join(out, file), 'utf8');
    const findings = existsSync(path.join(out, 'findings.asff.json')) ? (JSON.parse(await read('findings.asff.json')) as AwsSecurityFinding[]) : [];
    const document = existsSync(path.join(out, 'scan.json')) ? JSON.parse(await read('scan.json')) : undefined;
    return { ...result, out, read, findings, document };
  }
  return { dir, state, scan };
}

const control = (findings: AwsSecurityFinding[], id: string) => findings.filter((f) => f.Compliance?.SecurityControlId === id);

describe('--fail-on-new', () => {
  it('exits 1 only on the scan that brings a new HIGH failure', async () => {
    const { scan } = await workspace();
    const first = await scan('1', ['--rules', 'IAM.5', '--fail-on-new', 'HIGH']);
    expect(first.stderr).toContain('History (first scan in the state file): 2 new');
    expect(first.code).toBe(0); // the new failures are MEDIUM; --fail-on defaults to none with --fail-on-new
    const second = await scan('2', ['--rules', 'IAM.5,EC2.2', '--fail-on-new', 'HIGH']);
    expect(second.code).toBe(1);
    expect(second.document.history.new).toHaveLength(3); // three open default security groups
    const third = await scan('3', ['--rules', 'IAM.5,EC2.2', '--fail-on-new', 'HIGH']);
    expect(third.code).toBe(0);
    expect(third.document.history).toMatchObject({ new: [], reopened: [], resolved: [] });
    // An explicit --fail-on still applies beside it.
    expect((await scan('4', ['--rules', 'IAM.5,EC2.2', '--fail-on-new', 'HIGH', '--fail-on', 'MEDIUM'])).code).toBe(1);
  });

  it('treats every failure as new without history (--no-state), and writes no state file', async () => {
    const { dir, scan } = await workspace();
    const result = await scan('x', ['--rules', 'EC2.2', '--fail-on-new', 'HIGH', '--no-state']);
    expect(result.code).toBe(1);
    expect(result.document.history).toBeUndefined();
    expect(await readdir(dir)).toEqual(['x']);
  });

  it('keeps first seen from history in the findings, and resolves what the rules no longer fail', async () => {
    const { scan } = await workspace();
    const first = await scan('1', ['--rules', 'IAM.5']);
    const second = await scan('2', ['--rules', 'IAM.5']);
    const [a, b] = [control(first.findings, 'IAM.5')[0]!, control(second.findings, 'IAM.5').find((f) => f.Id === control(first.findings, 'IAM.5')[0]!.Id)!];
    expect(b.FirstObservedAt).toBe(a.FirstObservedAt);
    expect(b.CreatedAt).toBe(a.FirstObservedAt);
    expect(b.LastObservedAt).toBe(second.document.startedAt);
    expect(b.LastObservedAt! > a.LastObservedAt!).toBe(true);
    expect(second.document.history.previousScan.startedAt).toBe(first.document.startedAt);
    expect(second.document.history.trend).toHaveLength(2);
  });
});

describe('reports on scan and re-rendered by hubcheck report', () => {
  it('writes every requested format, and `report` re-renders the same files from findings.asff.json and scan.json', async () => {
    const { dir, scan } = await workspace();
    await scan('1', ['--rules', 'IAM.5']);
    const result = await scan('2', ['--rules', 'IAM.5,EC2.2', '--format', 'html,csv', '--format', 'junit,md']);
    expect((await readdir(result.out)).sort()).toEqual(['.hubcheck-set.json', 'findings.asff.json', 'findings.csv', 'junit.xml', 'report.html', 'scan.json', 'summary.md']);
    const original = await Promise.all(['report.html', 'findings.csv', 'junit.xml', 'summary.md'].map(result.read));
    expect(original[0]).toContain('Since the last scan');
    expect(original[3]).toContain('**3 new**');

    const again = path.join(dir, 'again');
    const rendered = await cli(['report', path.join(result.out, 'findings.asff.json'), '--output-dir', again]);
    expect(rendered.code).toBe(0);
    expect(rendered.stdout.trim().split('\n').map((f) => path.basename(f))).toEqual(['report.html', 'findings.csv', 'junit.xml', 'summary.md', 'findings.ocsf.json']);
    const copies = await Promise.all(['report.html', 'findings.csv', 'junit.xml', 'summary.md'].map((f) => readFile(path.join(again, f), 'utf8')));
    expect(copies).toEqual(original);
  });

  it('re-renders every change of a scan.json whose lists are cut from the state file, and says when it cannot', async () => {
    const { dir, state, scan } = await workspace();
    const result = await scan('1', ['--rules', 'IAM.5,EC2.2', '--format', 'csv']);
    const original = await result.read('findings.csv');
    const labelled = (csv: string) => csv.split('\r\n').filter((line) => line.split(',').includes('"NEW"')).length;
    expect(labelled(original)).toBe(5);
    // As an organization's scan.json would be: the first of each list, the exact counts beside them.
    const history = result.document.history;
    expect(history.counts).toEqual({ new: 5, reopened: 0, resolved: 0, suppressed: 0, unsuppressed: 0 });
    await writeFile(path.join(result.out, 'scan.json'), JSON.stringify({ ...result.document, history: { ...history, new: history.new.slice(0, 2) } }));

    const again = path.join(dir, 'again');
    const rendered = await cli(['report', path.join(result.out, 'findings.asff.json'), '--format', 'csv', '--output-dir', again]);
    expect(rendered.code).toBe(0);
    expect(rendered.stderr).toBe('');
    expect(await readFile(path.join(again, 'findings.csv'), 'utf8')).toBe(original);

    await import('node:fs/promises').then((fs) => fs.rm(state));
    const lost = await cli(['report', path.join(result.out, 'findings.asff.json'), '--format', 'csv', '--output-dir', again]);
    expect(lost.code).toBe(0);
    expect(lost.stderr).toMatch(/^hubcheck: warning: scan\.json lists the first 1000 changed findings of each kind, and its state file ".*state\.sqlite" is not there: only the listed findings are marked as changed\n$/);
    expect(labelled(await readFile(path.join(again, 'findings.csv'), 'utf8'))).toBe(2);

    await writeFile(state, 'not a state file, only text long enough to look like a header '.repeat(20));
    const broken = await cli(['report', path.join(result.out, 'findings.asff.json'), '--format', 'csv', '--output-dir', again]);
    expect(broken.code).toBe(0);
    expect(broken.stderr).toMatch(/its state file ".*state\.sqlite" cannot be read \(state file .*: file is not a database\): only the listed/);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('renders from a findings file alone, without scan.json or history', async () => {
    const { dir, scan } = await workspace();
    const result = await scan('1', ['--rules', 'EC2.2', '--no-state']);
    const lone = path.join(dir, 'lone');
    await import('node:fs/promises').then((fs) => fs.mkdir(lone));
    await writeFile(path.join(lone, 'f.json'), await result.read('findings.asff.json'));
    const rendered = await cli(['report', path.join(lone, 'f.json'), '--format', 'md']);
    expect(rendered.code).toBe(0);
    const md = await readFile(path.join(lone, 'summary.md'), 'utf8');
    expect(md).toContain('## hubcheck: 3 failing findings');
    expect(md).not.toContain('Since the last scan');
  });
});

describe('--suppressions', () => {
  it('marks matching findings SUPPRESSED in every output, keeps them FAILED, and they do not fail the run', async () => {
    const { dir, scan } = await workspace();
    const file = path.join(dir, 'suppressions.yaml');
    await writeFile(
      file,
      'suppressions:\n  - rule: EC2.2\n    region: us-east-1\n    reason: Lab VPCs\n    owner: netops\n    expires: 2099-12-31\n  - rule: IAM.5\n    reason: old\n    owner: someone\n    expires: 2020-01-01\n',
    );
    const result = await scan('1', ['--rules', 'EC2.2', '--regions', 'us-east-1', '--suppressions', file, '--fail-on', 'HIGH', '--format', 'csv,junit,md,html']);
    expect(result.stderr).toContain(`hubcheck: warning: suppression ${file}:7 (rule IAM.5, owner someone) expired on 2020-01-01; it no longer applies\n`);
    expect(result.code).toBe(0);
    const sgs = control(result.findings, 'EC2.2').filter((f) => f.Compliance?.Status === 'FAILED');
    expect(sgs.length).toBeGreaterThan(0);
    for (const f of sgs) {
      expect(f.Workflow).toEqual({ Status: 'SUPPRESSED' });
      expect(f.ProductFields).toMatchObject({ 'hubcheck/Suppression/Reason': 'Lab VPCs', 'hubcheck/Suppression/Owner': 'netops', 'hubcheck/Suppression/Expires': '2099-12-31' });
    }
    expect(result.document.suppressions).toMatchObject({ entries: 2, suppressed: sgs.length, expired: [{ owner: 'someone', expires: '2020-01-01' }] });
    expect(result.document.history.suppressed.sort()).toEqual(sgs.map((f) => f.Id).sort());
    expect(result.document.history.new).toEqual([]);
    expect(await result.read('findings.csv')).toContain('"FAILED","SUPPRESSED"');
    expect(await result.read('junit.xml')).toContain('<skipped message="SUPPRESSED FAILED: Lab VPCs (owner netops, expires 2099-12-31)"/>');
    expect(await result.read('summary.md')).toContain('### Suppressed');
    expect(await result.read('report.html')).toContain('data-status="SUPPRESSED"');
    // Without the file the same findings fail the run.
    expect((await scan('2', ['--rules', 'EC2.2', '--regions', 'us-east-1', '--fail-on', 'HIGH'])).code).toBe(1);
  });
});

describe('--notify', () => {
  const hits: unknown[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      hits.push(JSON.parse(data));
      res.writeHead(status, { 'retry-after': '0' }).end();
    });
  });
  let url = '';
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('posts new failures once, skips a scan with nothing new, and survives a failing webhook', async () => {
    const { scan } = await workspace();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/secret`;
    const first = await scan('1', ['--rules', 'EC2.2', '--notify', url]);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ text: expect.stringMatching(/^hubcheck: 3 new failing findings in 314159265358 \(3 HIGH\)/) });
    expect((hits[0] as { findings: unknown[] }).findings).toHaveLength(3);
    expect(first.document.notifications).toEqual([
      { target: `http://127.0.0.1:${(server.address() as AddressInfo).port}/…`, status: 'sent', findings: 3, attempts: 1, httpStatus: 200 },
    ]);

    const second = await scan('2', ['--rules', 'EC2.2', '--notify', url]);
    expect(hits).toHaveLength(1);
    expect(second.document.notifications[0].status).toBe('skipped');

    status = 503;
    const third = await scan('3', ['--rules', 'EC2.2,IAM.5', '--notify', url, '--format', 'md']);
    expect(hits).toHaveLength(5); // four attempts
    expect(third.stderr).toMatch(/hubcheck: warning: could not notify http:\/\/127\.0\.0\.1:\d+\/… after 4 attempts: HTTP 503; the reports are written\n/);
    expect(third.stderr).not.toContain('secret');
    expect(third.code).toBe(1); // the exit code is the scan's, not the webhook's
    expect(third.document.notifications[0]).toMatchObject({ status: 'failed', attempts: 4, httpStatus: 503 });
    expect(third.findings.length).toBeGreaterThan(0);
    expect(await third.read('summary.md')).toContain('**2 new**');
  });
});

describe('state lock', () => {
  it('fails at once (exit 3, one line) while another run holds the lock, and runs once it is released', async () => {
    const { state, scan } = await workspace();
    const lock = await acquireLock(`${state}.lock`, { timeoutMs: 0 });
    const blocked = await scan('1', ['--rules', 'IAM.9', '--lock-timeout', '0']);
    expect(blocked.code).toBe(3);
    expect(blocked.stderr.trim().split('\n')).toHaveLength(1);
    expect(blocked.stderr).toMatch(new RegExp(`^hubcheck: another hubcheck run holds the lock ${state}.lock \\(pid ${process.pid} on `));
    expect(blocked.findings).toEqual([]);
    lock.release();
    const ok = await scan('2', ['--rules', 'IAM.9', '--lock-timeout', '0', '--fail-on', 'none']);
    expect(ok.code).toBe(0);
    expect(existsSync(`${state}.lock`)).toBe(false);
  });
});
