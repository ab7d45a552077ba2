// An API request's query as the strict schemas read it, and the first problem of a failed parse in
// words for the 400 body. Shared by every JSON route of the dashboard.
import { z } from 'zod';

/** Query of the APIs that take no parameters: anything passed is a client bug worth a 400. */
export const noParamsSchema = z.strictObject({});

/** Query parameters of an API request as a plain object for the strict schemas. */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** First problem of a failed strict parse, in words for the 400 body. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'bad parameters';
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
