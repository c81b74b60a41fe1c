/**
 * Hostile strings (generated) through every report format: the structure of the
 * output never changes, and each value comes back as text.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvReport } from '../../reports/csv.js';
import { htmlReport } from '../../reports/html.js';
import { junitReport } from '../../reports/junit.js';
import { markdownReport } from '../../reports/markdown.js';
import { csvNeutralise, htmlText, markdownText, markdownUrl, terminalText, xmlText } from '../../src/io/escape.js';
import { finding } from '../helpers/findings.js';
import { parseXml, type XmlElement } from '../helpers/xml.js';
import { fuzzRuns } from '../helpers/fuzz.js';

const RUNS = fuzzRuns(1_000);

const META = [
  '<', '>', '&', '"', "'", '|', '[', ']', '(', ')', '`', '*', '_', '~', '\\', '!', '#', '\n', '\r', '\t', '\u0000', '\u001b', '\u0007',
  '\u007f', '\u0085', '\u2028', '\u202e', '\uD800', '\uDC00', '=', '+', '-', '@', ',', ';', ' ', 'a', 'é', '😀', 'javascript:', '</td>',
  '<script>', '<!--', ']]>', '&amp;', '&#x3c;', '](', '![x](y)', '"=1+1', '\r\n', '<![CDATA[', '</testcase>', '{{', '%', '\uFEFF',
];
const hostile = fc.oneof(
  fc.array(fc.constantFrom(...META), { maxLength: 20 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
);

interface Values {
  title: string;
  reason: string;
  name: string;
  tag: string;
  evidence: string;
  urlTail: string;
}
// Empty and blank values are left out of a report on purpose (no resource name, no tag), which changes its shape.
const value = hostile.filter((s) => /[^\s\u0000-\u001f\u007f-\u009f\uFEFF]/.test(s));
const values = fc.record<Values>({ title: value, reason: value, name: value, tag: value, evidence: value, urlTail: hostile });
const BENIGN: Values = { title: 'x', reason: 'x', name: 'x', tag: 'x', evidence: 'x', urlTail: 'x' };

const URL_BASE = 'https://docs.example.com/fix/';

function findingWith(v: Values): AwsSecurityFinding {
  const f = finding({ name: v.name, reason: v.reason, tags: { team: v.tag }, evidence: { detail: v.evidence } });
  return { ...f, Title: v.title, Remediation: { Recommendation: { Text: 'Fix it.', Url: URL_BASE + v.urlTail } } };
}

/** The sequence of tag names in an HTML document (a tiny tokenizer: what a browser would see as markup). */
function htmlTags(html: string): string[] {
  const body = html.replace(/<script>[\s\S]*?<\/script>/g, '<script></script>').replace(/<style>[\s\S]*?<\/style>/g, '<style></style>');
  return [...body.matchAll(/<(\/?[A-Za-z][A-Za-z0-9-]*|!--|!DOCTYPE)/g)].map((m) => m[1]!);
}

/** RFC 4180 records of a CSV text. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  while (i < text.length) {
    if (text[i] !== '"') throw new Error(`unquoted field at ${i}`);
    let field = '';
    i++;
    for (;;) {
      if (i >= text.length) throw new Error('unterminated field');
      if (text[i] === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        i++;
        break;
      }
      field += text[i++];
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`bad separator at ${i}`);
  }
  return rows;
}

/** Cells of a Markdown table row: split on pipes that no backslash escapes. */
function cells(line: string): string[] {
  return line.slice(1, -1).split(/(?<!\\)\|/);
}

function allText(e: XmlElement): string {
  return e.text + e.children.map(allText).join('') + Object.values(e.attrs).join('');
}

describe('escaping, property tests', () => {
  it('terminal: no control character survives, and plain text is unchanged', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = terminalText(s);
        expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        if (!/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\uD800-\uDFFF]/.test(s)) expect(out).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });

  it('HTML report: the tags are the same as for plain values, and each value is there as text', () => {
    const expected = htmlTags(htmlReport([findingWith(BENIGN)]));
    fc.assert(
      fc.property(values, (v) => {
        const html = htmlReport([findingWith(v)]);
        expect(htmlTags(html)).toEqual(expected);
        expect(html).toContain(htmlText(v.reason));
      }),
      { numRuns: RUNS },
    );
  });

  it('CSV report: parses back to one header and one row with every field as given (formula-guarded)', () => {
    fc.assert(
      fc.property(values, (v) => {
        const rows = parseCsv(csvReport([findingWith(v)]));
        expect(rows).toHaveLength(2);
        expect(rows[1]).toHaveLength(CSV_COLUMNS.length);
        const field = (name: string) => rows[1]![CSV_COLUMNS.indexOf(name)];
        expect(field('Title')).toBe(csvNeutralise(v.title));
        expect(field('Reason')).toBe(csvNeutralise(v.reason));
        expect(field('ResourceName')).toBe(csvNeutralise(v.name));
      }),
      { numRuns: RUNS },
    );
  });

  it('JUnit XML: well-formed XML 1.0 with the same elements, the values present as text', () => {
    const shape = (e: XmlElement): string => `${e.name}(${e.children.map(shape).join(',')})`;
    const expected = shape(parseXml(junitReport([findingWith(BENIGN)])));
    fc.assert(
      fc.property(values, (v) => {
        const xml = junitReport([findingWith(v)]);
        const root = parseXml(xml);
        expect(shape(root)).toBe(expected);
        const kept = xmlText(v.reason).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
        const words = (s: string) => s.replace(/\s+/g, ' ').trim();
        expect(words(allText(root))).toContain(words(kept));
      }),
      { numRuns: RUNS },
    );
  });

  it('Markdown summary: every table row keeps its cell count, and the only links are the ones hubcheck made', () => {
    const tableShape = (md: string) => md.split('\n').filter((l) => l.startsWith('|')).map((l) => cells(l).length);
    const expected = tableShape(markdownReport([findingWith(BENIGN)]));
    fc.assert(
      fc.property(values, (v) => {
        const md = markdownReport([findingWith(v)]);
        expect(tableShape(md)).toEqual(expected);
        expect(md).not.toMatch(/!\[/);
        const links = [...md.matchAll(/(?<!\\)\]\(/g)];
        const target = markdownUrl(URL_BASE + v.urlTail);
        expect(links).toHaveLength(target === undefined ? 0 : 1);
        if (target !== undefined) {
          expect(md).toContain(`[how to fix](${target}) |`);
          expect(target).not.toMatch(/[()\s<>|`\\]/);
        }
        expect(md).toContain(markdownText(v.title));
      }),
      { numRuns: RUNS },
    );
  });

  it('Markdown link targets: parentheses, spaces and angle brackets are encoded; other schemes are refused', () => {
    expect(markdownUrl('https://x.test/a)![i](https://evil.test/p.png) **b** | c')).toBe(
      'https://x.test/a%29%21%5Bi%5D%28https://evil.test/p.png%29%20%2A%2Ab%2A%2A%20%7C%20c',
    );
    expect(markdownUrl('javascript:alert(1)')).toBeUndefined();
    expect(markdownUrl('data:text/html,<b>')).toBeUndefined();
  });
});
