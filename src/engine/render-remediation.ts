/**
 * Fills a rule's structured remediation (RemediationSteps) with the values of
 * one finding: its account, Region, partition and resource, the rule's
 * parameters and the defaults of the fix's own inputs.
 *
 * Resource names come from the scanned account, so they are attacker-controlled.
 * Every value is escaped for the place it lands in:
 * - CLI, outside quotes: one shell word (single-quoted unless plainly safe);
 * - CLI, inside single quotes: `'` closes, escapes and reopens the quote
 *   (`{{name|json}}` first escapes the value as JSON string content);
 * - CloudFormation and Terraform: inside a double-quoted string, `\`, `"` and
 *   control characters escaped (Terraform's `${` and `%{` too).
 * A placeholder in another place is refused by `placeholderProblems`, which a
 * test runs over every built-in rule.
 */
import type { RemediationSteps, Rule } from './rule.js';

export interface RenderedSteps {
  change: string;
  /** The commands, one per line. */
  cli?: string;
  cloudformation?: string;
  terraform?: string;
  cannot?: string;
}

export interface FindingPlace {
  account: string;
  region: string;
  partition: string;
  /** The finding's resource id (an ARN, or `AWS::::Account:<id>`). */
  resourceId: string;
}

const PLACEHOLDER = /\{\{([A-Za-z][A-Za-z0-9]*)(\|json)?\}\}/g;

/** The last segment of a resource id: what the CLI and templates name a resource by. */
export function resourceShortName(resourceId: string): string {
  const tail = resourceId.split(/[/:]/).pop();
  return tail && tail !== '' ? tail : resourceId;
}

/** For an id ending `/<parent>/<collection>/<name>` (an API Gateway stage: `…/restapis/<api>/stages/<stage>`), the parent's id; '' otherwise. */
export function resourceParentId(resourceId: string): string {
  const segments = resourceId.split('/');
  return segments.length >= 4 ? (segments.at(-3) ?? '') : '';
}

/** Every value a rule's steps can name, for one finding. */
export function remediationValues(rule: Pick<Rule, 'id' | 'params' | 'remediation'>, place: FindingPlace): Record<string, string> {
  const values: Record<string, string> = {
    account: place.account,
    region: place.region,
    partition: place.partition,
    ruleId: rule.id,
    resource: resourceShortName(place.resourceId),
    resourceParent: resourceParentId(place.resourceId),
    resourceArn: place.resourceId,
  };
  for (const [name, value] of Object.entries(rule.params)) values[name] = Array.isArray(value) ? value.join(',') : String(value);
  // Inputs' defaults may name the values above ({{account}}); they are filled as plain text here.
  for (const [name, input] of Object.entries(rule.remediation.steps?.inputs ?? {})) {
    values[name] = input.default.replace(PLACEHOLDER, (whole, key: string) => values[key] ?? whole);
  }
  return values;
}

const SHELL_SAFE = /^[A-Za-z0-9_.,:/@=+%-]+$/;

function shellWord(value: string): string {
  return SHELL_SAFE.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Content of a JSON, YAML or HCL double-quoted string: `\\`, `"` and control characters escaped. */
function quotedContent(value: string): string {
  let out = '';
  for (const c of value) {
    const code = c.charCodeAt(0);
    if (c === '\\' || c === '"') out += `\\${c}`;
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return out;
}

/** Quote characters before `index` on its line, not counting backslash-escaped ones. */
function quotesBefore(text: string, index: number, quote: string): number {
  const line = text.slice(text.lastIndexOf('\n', index - 1) + 1, index);
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\' && quote === '"') i++;
    else if (line[i] === quote) count++;
  }
  return count;
}

type Format = 'cli' | 'cloudformation' | 'terraform';

/** Where `index` falls in a shell command: outside quotes, or inside single or double quotes. */
function shellQuoting(command: string, index: number): 'none' | 'single' | 'double' {
  let state: 'none' | 'single' | 'double' = 'none';
  for (let i = 0; i < index; i++) {
    const c = command[i];
    if (state === 'single') {
      if (c === "'") state = 'none';
    } else if (c === '\\') i++;
    else if (c === "'" && state === 'none') state = 'single';
    else if (c === '"') state = state === 'double' ? 'none' : 'double';
  }
  return state;
}

function fill(template: string, values: Readonly<Record<string, string>>, format: Format): string {
  return template.replace(PLACEHOLDER, (whole, name: string, json: string | undefined, index: number) => {
    const raw = values[name];
    if (raw === undefined) return whole;
    if (format === 'cli') {
      const inside = shellQuoting(template, index) === 'single';
      const value = json ? quotedContent(raw) : raw;
      return inside ? value.replace(/'/g, `'\\''`) : shellWord(value);
    }
    const content = quotedContent(raw);
    return format === 'terraform' ? content.replace(/([$%])\{/g, (_, sign: string) => `${sign}${sign}{`) : content;
  });
}

/** The steps with the finding's values filled in and escaped; the `change` sentence gets them as plain text. */
export function renderSteps(steps: RemediationSteps, values: Readonly<Record<string, string>>): RenderedSteps {
  const plain = (text: string) => text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
  return {
    change: plain(steps.change),
    ...(steps.cli ? { cli: steps.cli.map((command) => fill(command, values, 'cli')).join('\n') } : {}),
    ...(steps.cloudformation ? { cloudformation: fill(steps.cloudformation, values, 'cloudformation') } : {}),
    ...(steps.terraform ? { terraform: fill(steps.terraform, values, 'terraform') } : {}),
    ...(steps.cannot ? { cannot: steps.cannot } : {}),
  };
}

/** The names a text's placeholders use. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/**
 * What is wrong with a rule's steps: a placeholder no value fills, one in a
 * place its escaping does not cover, a part missing with no `cannot` saying why.
 */
export function placeholderProblems(rule: Pick<Rule, 'id' | 'params' | 'remediation'>): string[] {
  const steps = rule.remediation.steps;
  if (!steps) return [];
  const known = new Set(Object.keys(remediationValues(rule, { account: 'a', region: 'r', partition: 'p', resourceId: 'x' })));
  const problems: string[] = [];
  const parts: [Format | 'change', string][] = [
    ['change', steps.change],
    ...(steps.cli ?? []).map((c): [Format, string] => ['cli', c]),
    ...(steps.cloudformation ? [['cloudformation', steps.cloudformation] as [Format, string]] : []),
    ...(steps.terraform ? [['terraform', steps.terraform] as [Format, string]] : []),
  ];
  for (const [format, text] of parts) {
    for (const m of text.matchAll(PLACEHOLDER)) {
      if (!known.has(m[1]!)) problems.push(`${format}: {{${m[1]}}} has no value`);
      if ((format === 'cloudformation' || format === 'terraform') && quotesBefore(text, m.index, '"') % 2 === 0) {
        problems.push(`${format}: {{${m[1]}}} must sit inside a double-quoted string`);
      }
      if (format === 'cli' && shellQuoting(text, m.index) === 'double') problems.push(`cli: {{${m[1]}}} must not sit inside double quotes`);
    }
  }
  const missing = (['cli', 'cloudformation', 'terraform'] as const).filter((p) => !steps[p]);
  if (missing.length > 0 && !steps.cannot) problems.push(`no ${missing.join(', ')} and no "cannot" saying why`);
  return problems;
}
