/**
 * A small, strict XML 1.0 parser for tests: well-formedness (one root, matched
 * tags, quoted and unique attributes, only the predefined and numeric entities,
 * no raw `<` or `&`, no characters XML forbids), returning an element tree.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`raw < in ${where}`);
  return raw.replace(/&([^;]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new Error(`bare & in ${where}`);
    if (body in ENTITIES) return ENTITIES[body]!;
    const num = /^#(\d+)$/.exec(body) ?? /^#x([0-9a-fA-F]+)$/.exec(body);
    if (num) {
      const char = String.fromCodePoint(parseInt(num[1]!, body.startsWith('#x') ? 16 : 10));
      if (FORBIDDEN.test(char)) throw new Error(`forbidden character reference &${body}; in ${where}`);
      return char;
    }
    throw new Error(`unknown entity &${body}; in ${where}`);
  });
}

export function parseXml(xml: string): XmlElement {
  const bad = FORBIDDEN.exec(xml);
  if (bad) throw new Error(`forbidden character U+${bad[0].codePointAt(0)!.toString(16)} at ${bad.index}`);
  let i = 0;
  const rest = () => xml.slice(i);
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (rest().startsWith('<!--')) {
        const end = xml.indexOf('-->', i);
        if (end < 0) throw new Error('unterminated comment');
        if (xml.slice(i + 4, end).includes('--')) throw new Error('-- inside a comment');
        i = end + 3;
      } else if (rest().startsWith('<?') && i > 0) {
        throw new Error('processing instruction after the start');
      } else return;
    }
  };
  if (rest().startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  skipMisc();
  const element = (): XmlElement => {
    if (xml[i] !== '<') throw new Error(`expected < at ${i}`);
    i++;
    const name = NAME.exec(rest())?.[0];
    if (!name) throw new Error(`bad element name at ${i}`);
    i += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (rest().startsWith('/>')) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === before) throw new Error(`expected whitespace before an attribute of <${name}> at ${i}`);
      const attr = NAME.exec(rest())?.[0];
      if (!attr) throw new Error(`bad attribute name in <${name}> at ${i}`);
      i += attr.length;
      skipSpace();
      if (xml[i] !== '=') throw new Error(`expected = after ${attr}`);
      i++;
      skipSpace();
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") throw new Error(`unquoted attribute ${attr}`);
      const end = xml.indexOf(quote, i + 1);
      if (end < 0) throw new Error(`unterminated attribute ${attr}`);
      if (attr in el.attrs) throw new Error(`duplicate attribute ${attr} on <${name}>`);
      el.attrs[attr] = decode(xml.slice(i + 1, end), `attribute ${attr} of <${name}>`).replace(/[\t\n\r]/g, ' ');
      i = end + 1;
    }
    for (;;) {
      const next = xml.indexOf('<', i);
      if (next < 0) throw new Error(`unclosed <${name}>`);
      el.text += decode(xml.slice(i, next), `text of <${name}>`);
      i = next;
      if (rest().startsWith('</')) {
        i += 2;
        if (!rest().startsWith(name)) throw new Error(`mismatched </…> for <${name}> at ${i}`);
        i += name.length;
        skipSpace();
        if (xml[i] !== '>') throw new Error(`bad end tag </${name}`);
        i++;
        return el;
      }
      if (rest().startsWith('<!--')) {
        skipMisc();
        continue;
      }
      if (rest().startsWith('<![CDATA[')) {
        const end = xml.indexOf(']]>', i);
        el.text += xml.slice(i + 9, end);
        i = end + 3;
        continue;
      }
      el.children.push(element());
    }
  };
  const root = element();
  skipMisc();
  if (i !== xml.length) throw new Error(`content after the root element at ${i}`);
  return root;
}
