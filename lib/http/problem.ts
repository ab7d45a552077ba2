// The first problem of a failed zod parse, in words for a 400 body: "limit: expected a limit from
// 1 to 500". One wording for every route (lib/http/route.ts) and the tests of the URL schemas.
import type { z } from 'zod';

/** Where in the parsed value an issue is ("items.1.n"), or undefined for the value as a whole. */
export function pathOf(issue: z.core.$ZodIssue | undefined): string | undefined {
  return issue?.path.length ? issue.path.map(String).join('.') : undefined;
}

export function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'bad request';
  const at = pathOf(issue);
  return at ? `${at}: ${issue.message}` : issue.message;
}
