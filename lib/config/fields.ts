import { z } from 'zod';

// Building blocks shared by the schema sections. Every custom message is the "expected …" half of a
// problem; problems.ts appends ", found <value>" so that all messages read the same way.

/** A strict object whose unknown-field problem names the closest known field (typos like "thresold"). */
export function obj<S extends z.core.$ZodLooseShape>(shape: S) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code !== 'unrecognized_keys') return undefined;
      return iss.keys.map((key) => `unknown field ${JSON.stringify(key)}${hint(key, known)}`).join('; ');
    },
  });
}

function hint(key: string, known: string[]): string {
  const best = closest(key, known);
  return best ? ` (did you mean ${JSON.stringify(best)}?)` : ` (known fields: ${known.join(', ')})`;
}

/** The candidate within edit distance 2 (or sharing a case-insensitive spelling), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = candidate.toLowerCase() === word.toLowerCase() ? 0 : distance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

// Values substituted from the environment are always strings, so numbers and booleans also accept
// their spelled-out form ("9464", "true"); anything else still fails with the number/boolean message.
const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;
const toNumber = (v: unknown) => (typeof v === 'string' && NUMERIC.test(v) ? Number(v) : v);
export const num = <T extends z.ZodType>(schema: T) => z.preprocess(toNumber, schema);
export const int = (min: number, max: number) => num(z.int().min(min).max(max));
export const bool = () => z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

export const text = () => z.string().trim().min(1);

/** Names of sources, stages, features and pipelines: they appear in URLs, labels and problem paths. */
export const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
export const NAME_RULE = 'expected a name of letters, digits, "-" and "_" (at most 63, starting with a letter or digit)';
export const name = () => z.string().regex(NAME, { error: NAME_RULE });

// SQL identifiers are later quoted, never spliced; the pattern keeps them boring anyway so that a
// quote, a space or a semicolon in the config is a config problem rather than an escaping exercise.
const IDENT = '[A-Za-z_][A-Za-z0-9_]{0,62}';
export const column = () =>
  z.string().regex(new RegExp(`^${IDENT}$`), {
    error: 'expected a column name of letters, digits and "_" (not starting with a digit)',
  });
export const table = () =>
  z.string().regex(new RegExp(`^${IDENT}(\\.${IDENT})?$`), {
    error: 'expected a table name of letters, digits and "_", optionally schema-qualified (schema.table)',
  });

export const topic = () =>
  z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, {
    error: 'expected a Kafka topic name of letters, digits, ".", "_" and "-"',
  });

/** Index names, aliases or patterns such as "orders-*" (OpenSearch/Elasticsearch rules, lowercase). */
export const indexName = () =>
  z.string().regex(/^[a-z0-9*][a-z0-9._*+-]{0,254}$/, {
    error: 'expected a lowercase index name, alias or pattern (letters, digits, ".", "_", "-", "+", "*")',
  });

export const broker = () => z.string().regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, { error: 'expected a broker as host:port' });

/** Brokers as a YAML list, or one comma-separated string (handy from an environment variable). */
export const brokerList = () =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(broker()).min(1),
  );

export const url = (protocols: readonly string[]) =>
  z.string().refine((v) => protocols.includes(parseProtocol(v) ?? ''), {
    error: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  });

function parseProtocol(v: string): string | undefined {
  try {
    return new URL(v).protocol;
  } catch {
    return undefined;
  }
}

export const HTTP = ['http:', 'https:'] as const;
