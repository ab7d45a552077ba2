// The first problem of a failed zod parse, in words for a 400 body: "limit: expected a limit from
// 1 to 500". One wording for every route (lib/http/route.ts) and the tests of the URL schemas.
import type { z } from 'zod';

/** Where in the parsed value an issue is ("items.1.n"), or undefined for the value as a whole. */
export function pathOf(issue: z.core.$ZodIssue | undefined): string | undefined {
  return issue?.path.length ? issue.path.map(String).join('.') : undefined;
}

/** A hostile request can name a 100 KB query field or path: the answer quotes at most this much of it. */
const MAX_PROBLEM_CHARS = 500;

const bounded = (text: string) => (text.length > MAX_PROBLEM_CHARS ? `${text.slice(0, MAX_PROBLEM_CHARS)}… (cut)` : text);

export function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'bad request';
  const at = pathOf(issue);
  return at ? `${bounded(at)}: ${bounded(issue.message)}` : bounded(issue.message);
}
