// What POST /api/auth/login accepts and answers, as plain zod schemas: the route, the login form's
// tests and the e2e specs read them without loading the credential check or the session code.
import { z } from 'zod';
import { ROLES } from '../config/schema';

const next = z.string().max(2000).optional();

/** A form posts user and password; scripts post JSON, with a password or the API token. */
export const credentialsSchema = z.union(
  [
    z.object({ user: z.string().min(1).max(200), password: z.string().min(1).max(1000), next }),
    z.object({ token: z.string().min(1).max(1000), next }),
  ],
  { error: 'send user and password, or token' },
);
export type Credentials = z.output<typeof credentialsSchema>;

/** The JSON answer to a successful login (a form gets a 303 to `next` instead). */
export const loginAnswerSchema = z.object({ user: z.string(), role: z.enum(ROLES) });
export type LoginAnswer = z.output<typeof loginAnswerSchema>;
