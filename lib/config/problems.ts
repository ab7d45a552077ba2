import type { z } from 'zod';

// Turns zod issues into problems an operator can act on: `path.to.field: expected X, found Y`.

export type PathSegment = string | number | symbol;

/** `sources.shop-db.url`, `features[1].pipelines[0]`; odd keys are quoted: `sources["my db"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z0-9_-]+$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out || '(top level)';
}

const SECRET_KEYS = new Set(['password', 'apiKey', 'token', 'sessionSecret', 'passwordHash', 'secret']);

/** The found half of a problem; secrets are never echoed, passwords in URLs are masked. */
export function describeFound(value: unknown, path: readonly PathSegment[] = []): string {
  if (value === undefined || value === null) return 'nothing';
  const last = path[path.length - 1];
  if (typeof last === 'string' && SECRET_KEYS.has(last)) {
    return typeof value === 'string' ? `a hidden value of ${value.length} characters` : describeKind(value);
  }
  if (typeof value === 'string') {
    const masked = value.replace(/(\/\/[^:/@\s]*:)[^@/\s]*@/, '$1****@');
    return JSON.stringify(masked.length > 80 ? `${masked.slice(0, 77)}...` : masked);
  }
  return describeKind(value);
}

function describeKind(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
};

function expected(iss: z.core.$ZodIssue): string {
  // Messages written in the schema (and in custom checks) already speak our language.
  if (iss.message.startsWith('expected ') || iss.message.startsWith('unknown field')) return iss.message;
  switch (iss.code) {
    case 'invalid_type':
      return `expected ${TYPE_WORDS[iss.expected] ?? iss.expected}`;
    case 'invalid_value':
      return iss.values.length === 1 ? `expected ${String(iss.values[0])}` : `expected one of ${iss.values.join(', ')}`;
    case 'too_small':
      if (iss.origin === 'string')
        return Number(iss.minimum) <= 1 ? 'expected a non-empty string' : `expected at least ${iss.minimum} characters`;
      if (iss.origin === 'array') return `expected at least ${iss.minimum} item${Number(iss.minimum) === 1 ? '' : 's'}`;
      return `expected a number ${iss.inclusive ? '≥' : '>'} ${iss.minimum}`;
    case 'too_big':
      if (iss.origin === 'string') return `expected at most ${iss.maximum} characters`;
      if (iss.origin === 'array') return `expected at most ${iss.maximum} items`;
      return `expected a number ${iss.inclusive ? '≤' : '<'} ${iss.maximum}`;
    case 'invalid_format':
      return `expected ${iss.format}`;
    default:
      return `expected something else (${iss.message})`;
  }
}

/** One problem line per issue (nested ones, such as bad record keys, are flattened). */
export function zodProblems(issues: readonly z.core.$ZodIssue[], prefix: readonly PathSegment[] = []): string[] {
  const out: string[] = [];
  for (const iss of issues) {
    const path = [...prefix, ...iss.path];
    if (iss.code === 'invalid_key') {
      out.push(...zodProblems(iss.issues, path));
      continue;
    }
    if (iss.code === 'invalid_union' && iss.discriminator !== undefined) {
      // The path already ends at the discriminator; the input is the object that carries it.
      const found = (iss.input as Record<string, unknown> | undefined)?.[iss.discriminator];
      const options = ((iss as { options?: unknown[] }).options ?? []).join(', ');
      out.push(`${formatPath(path)}: expected one of ${options}, found ${describeFound(found)}`);
      continue;
    }
    if (iss.code === 'invalid_union') {
      // Our schema avoids plain unions except for `ssl: true | {…}`: report the branch whose type
      // fits, or else every type the branches would accept.
      const wrongType = (e: z.core.$ZodIssue[]) => e.find((i) => i.path.length === 0 && i.code === 'invalid_type');
      const branch = iss.errors.filter((e) => e.length > 0 && !wrongType(e)).sort((a, b) => a.length - b.length)[0];
      if (branch) {
        out.push(...zodProblems(branch, path));
        continue;
      }
      const types = iss.errors
        .map((e) => wrongType(e))
        .map((i) => (i?.code === 'invalid_type' ? (TYPE_WORDS[i.expected] ?? i.expected) : '?'));
      out.push(`${formatPath(path)}: expected ${types.join(' or ')}, found ${describeFound(iss.input, path)}`);
      continue;
    }
    const what = expected(iss);
    const line = /, found |^unknown field/.test(what) ? what : `${what}, found ${describeFound(iss.input, path)}`;
    out.push(`${formatPath(path)}: ${line}`);
  }
  return out;
}
