import { type PathSegment, formatPath } from './problems';

// ${NAME} and ${NAME:-default} in string values. Substitution runs on the parsed YAML values, never
// on the raw text, so a variable's value can only ever be a string, never YAML structure.
// `$${` stays a literal `${`. A default cannot contain "}" and is not itself substituted.

const REFERENCE = /\$\$\{|\$\{([^}]*)(\}?)/g;
const INSIDE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

/** process.env or any plain map of variables (`{}` in tests). */
export type Env = Readonly<Record<string, string | undefined>>;

export interface Substituted {
  value: unknown;
  problems: string[];
  /** Paths (formatted) whose substitution failed: their later schema complaints would be noise. */
  failedPaths: Set<string>;
}

export function substituteEnv(value: unknown, env: Env): Substituted {
  const problems: string[] = [];
  const failedPaths = new Set<string>();
  const walk = (v: unknown, path: PathSegment[]): unknown => {
    if (typeof v !== 'string') return walkContainer(v, path);
    const before = problems.length;
    const out = substituteString(v, env, path, problems);
    if (problems.length > before) failedPaths.add(formatPath(path));
    return out;
  };
  const walkContainer = (v: unknown, path: PathSegment[]): unknown => {
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, [...path, k])]));
    }
    return v;
  };
  return { value: walk(value, []), problems, failedPaths };
}

/** True when a string contains at least one ${...} reference (used to tell env values from literals). */
export function hasEnvReference(v: unknown): boolean {
  return typeof v === 'string' && /(^|[^$])\$\{[A-Za-z_]/.test(v);
}

function substituteString(text: string, env: Env, path: PathSegment[], problems: string[]): string {
  return text.replace(REFERENCE, (match, inside: string | undefined, close: string | undefined) => {
    if (match === '$${') return '${';
    const m = close ? INSIDE.exec(inside ?? '') : null;
    if (!m) {
      problems.push(`${formatPath(path)}: expected \${NAME} or \${NAME:-default}, found ${JSON.stringify(match)}`);
      return match;
    }
    const [, variable, fallback] = m;
    const set = env[variable!];
    if (fallback !== undefined) return set === undefined || set === '' ? fallback : set;
    if (set === undefined) {
      problems.push(`${formatPath(path)}: expected environment variable ${variable} to be set, found it unset`);
      return '';
    }
    return set;
  });
}
