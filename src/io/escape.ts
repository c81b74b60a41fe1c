/**
 * Escaping for every output format hubcheck writes, in one place. Each function
 * turns any string (from AWS, from a plugin rule, from a user's file) into text
 * that the format shows as text: it can add no tag, link, cell, field, element
 * or terminal control sequence. The renderers in reports/ and every error line
 * use these and nothing else.
 */

// ---------------------------------------------------------------- terminal

// C0 controls (tab and newline included: an error is one line), DEL, C1 controls,
// the line and paragraph separators, bidirectional overrides and isolates (which
// reorder what a terminal shows), and lone surrogates.
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One line of terminal text: control characters shown as `\xNN` / `\uNNNN`, never sent raw. */
export function terminalText(value: string): string {
  return value.replace(TERMINAL_UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

// ---------------------------------------------------------------- HTML

/** Text for HTML content and for double- or single-quoted attribute values. */
export function htmlText(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Only http(s) URLs become links anywhere: a `javascript:` or `data:` URL stays text. Returns the normalised URL. */
export function safeHttpUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- Markdown

/** Text for a Markdown paragraph, list item or table cell: one line, no inline syntax, no raw HTML. */
export function markdownText(value: string): string {
  return value
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}

// Left as they are in a link target: URL characters that mean nothing to Markdown
// there. Everything else (parentheses, spaces, <, >, quotes, brackets, !, *, backslash,
// backtick, the table pipe) is percent-encoded, so the target cannot end early, grow a
// title, start an image or split a table cell. Brackets stay in the host (IPv6).
const MARKDOWN_URL_KEEP = /[A-Za-z0-9\-._~:/?#@$&+,;=%]/;

function percentEncode(text: string, keep: (c: string) => boolean): string {
  let out = '';
  for (const c of text) {
    out += keep(c) ? c : [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

/** A link target for Markdown, or undefined when the URL is not http(s). */
export function markdownUrl(url: string): string | undefined {
  const safe = safeHttpUrl(url);
  if (safe === undefined) return undefined;
  const pathStart = safe.indexOf('/', safe.indexOf('//') + 2);
  const authority = pathStart < 0 ? safe : safe.slice(0, pathStart);
  const rest = pathStart < 0 ? '' : safe.slice(pathStart);
  return percentEncode(authority, (c) => MARKDOWN_URL_KEEP.test(c) || c === '[' || c === ']') + percentEncode(rest, (c) => MARKDOWN_URL_KEEP.test(c));
}

/** `[text](url)` when the URL is http(s), else the text alone. */
export function markdownLink(text: string, url: string): string {
  const target = markdownUrl(url);
  return target === undefined ? markdownText(text) : `[${markdownText(text)}](${target})`;
}

/**
 * A fenced Markdown code block that shows `code` as it is: the fence is longer
 * than any run of backticks inside, so nothing in the code can close it, and
 * control characters other than newline and tab are shown as `\uNNNN`.
 */
export function markdownCodeBlock(code: string, language = ''): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const shown = code
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.split('\t').map(terminalText).join('\t'))
    .join('\n');
  return `${fence}${language}\n${shown}\n${fence}`;
}

// ---------------------------------------------------------------- CSV

/** A value a spreadsheet would read as a formula gets a leading apostrophe (OWASP's advice). */
export function csvNeutralise(value: string): string {
  return /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field: always quoted, inner quotes doubled, newlines kept inside the quotes. */
export function csvField(value: string): string {
  return `"${csvNeutralise(value).replace(/"/g, '""')}"`;
}

// ---------------------------------------------------------------- XML (JUnit)

// Tab, LF, CR and the ranges XML 1.0 allows; lone surrogates are not allowed.
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for XML 1.0 content: characters XML cannot carry are dropped, markup escaped. */
export function xmlText(value: string): string {
  return value
    .replace(XML_FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An XML attribute value: escaped, with line breaks and tabs as character references (parsers would turn raw ones into spaces). */
export function xmlAttr(value: string | number): string {
  return xmlText(String(value)).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
