// The first problem of a failed zod parse, in words for a 400 body: "limit: expected a limit from
// 1 to 500". One wording for every route (lib/http/route.ts) and the tests of the URL schemas.
import type { z } from 'zod';

export function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'bad request';
  return issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}
