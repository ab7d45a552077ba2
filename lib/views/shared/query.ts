// The strict query schema of the APIs that take no parameters (the route wrapper,
// lib/http/route.ts, reads the query and answers the 400 itself).
import { z } from 'zod';

/** Query of the APIs that take no parameters: anything passed is a client bug worth a 400. */
export const noParamsSchema = z.strictObject({});
