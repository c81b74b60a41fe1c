/**
 * A small declarative shape check for JSON read from outside (scan.json and its
 * history): the fields a reader uses are present with the right type, or the
 * first one that is not is named by its path. Shapes are fixed and shallow, so
 * the check never recurses into the data beyond them.
 */
export type Shape =
  | 'string'
  | 'number'
  | 'boolean'
  | 'any'
  | { nullable: Shape }
  | { optional: Shape }
  | { array: Shape }
  | { record: Shape }
  | { object: Record<string, Shape> };

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The first problem as `path: message`, or undefined when the value has the shape. */
export function shapeProblem(value: unknown, shape: Shape, path = '$'): string | undefined {
  if (shape === 'any') return undefined;
  if (typeof shape === 'string') {
    const ok = shape === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === shape;
    return ok ? undefined : `${path}: must be a ${shape}, not ${kind(value)}`;
  }
  if ('optional' in shape) return value === undefined ? undefined : shapeProblem(value, shape.optional, path);
  if ('nullable' in shape) return value === null ? undefined : shapeProblem(value, shape.nullable, path);
  if ('array' in shape) {
    if (!Array.isArray(value)) return `${path}: must be an array, not ${kind(value)}`;
    for (let i = 0; i < value.length; i++) {
      const problem = shapeProblem(value[i], shape.array, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${path}: must be an object, not ${kind(value)}`;
  if ('record' in shape) {
    for (const [key, member] of Object.entries(value)) {
      const problem = shapeProblem(member, shape.record, `${path}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const [key, member] of Object.entries(shape.object)) {
    const problem = shapeProblem((value as Record<string, unknown>)[key], member, `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}

const opt = (shape: Shape): Shape => ({ optional: shape });
const strings: Shape = { array: 'string' };

const historyShape: Shape = {
  object: {
    stateFile: opt('string'),
    scanId: opt('number'),
    previousScan: opt({ nullable: { object: { id: opt('number'), startedAt: 'string' } } }),
    new: strings,
    reopened: opt(strings),
    resolved: {
      array: {
        object: {
          id: 'string', ruleId: opt('string'), control: opt({ nullable: 'string' }), title: opt('string'), severity: opt('string'),
          account: opt('string'), region: opt('string'), resourceId: opt('string'), resourceName: opt({ nullable: 'string' }),
          now: opt('string'), firstSeen: opt('string'),
        },
      },
    },
    suppressed: opt(strings),
    unsuppressed: opt(strings),
    counts: opt({ object: { new: 'number', reopened: 'number', resolved: 'number', suppressed: 'number', unsuppressed: 'number' } }),
    trend: opt({ array: { object: { scanId: opt('number'), startedAt: 'string', score: { nullable: 'number' } } } }),
  },
};

const counts: Shape = { object: { calls: opt('number'), attempts: opt('number'), throttles: opt('number') } };

/** What `hubcheck report` and `merge` read from a scan.json. */
export const SCAN_DOCUMENT_SHAPE: Shape = {
  object: {
    tool: { object: { name: 'string', version: 'string' } },
    mode: opt('string'),
    startedAt: opt('string'),
    finishedAt: opt('string'),
    durationMs: opt('number'),
    benchmarks: opt(strings),
    homeRegion: opt('string'),
    regions: opt(strings),
    accounts: opt({
      array: {
        object: {
          id: 'string', status: opt('string'), partition: opt('string'), regions: opt(strings), durationMs: opt('number'),
          apiCalls: opt(counts), regionDetails: opt({ array: { object: { region: 'string' } } }),
        },
      },
    }),
    rules: opt({ array: { object: { id: 'string', results: opt({ record: 'number' }) } } }),
    counts: opt({ object: { total: opt('number'), byStatus: opt({ record: 'number' }), failedBySeverity: opt({ record: 'number' }) } }),
    errors: opt({ array: { object: {} } }),
    notAvailable: opt({ array: { object: { rule: 'string', account: 'string', region: 'string', resource: 'string', reason: 'string' } } }),
    apiCalls: opt({ object: { calls: opt('number'), attempts: opt('number'), throttles: opt('number'), byOperation: opt({ record: 'number' }) } }),
    history: opt(historyShape),
  },
};
