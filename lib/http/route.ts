// One wrapper for every route handler (app/api/**/route.ts, app/metrics, app/v1/traces), so a route
// says only what is its own — schemas, role, loader — and the steps and the error policy are
// written once:
//
//   0. browser  a state-changing request from another origin, or a browser's request naming a host
//               not in allowedHosts, is a 403 `forbidden` before anything is read (./host-guard.ts).
//   1. parse    path params, query and body with zod; the first problem is a 400 `bad_request`
//               naming the field ("limit: expected a limit from 1 to 500").
//   2. auth     the role needed, through lib/auth/guard: 401 for no one, 403 for too little.
//               'public' skips the check (and is not told who is calling: caller is null).
//   3. load     the route's loader: its data, or a NotFound (./not-found) → 404 with its message.
//   4. check    the data against the route's zod response schema. A wrong shape is a 500
//               `internal` naming the path of the bad field, and is logged: a client must never
//               have to guess what a field meant.
//   5. respond  ok(data): 200 (or what `status` says) with Cache-Control: no-store.
//
// Routes that do not answer JSON give `respond(data, input)` in place of step 5 and keep steps 1–3
// and the error policy: /metrics (Prometheus text), /api/auth/logout (a redirect),
// /api/auth/login (303 redirects for forms; its JSON answer goes through `input.json`, which still
// does step 4), and /v1/traces (OTLP: the receiver reads the binary body, checks its own token and
// answers with the spec's status codes in the spec's encoding, so that route is 'public', has no
// schemas, its loader is the receiver and its `respond` passes the receiver's Response on).
//
// Store-failure policy — one for every route and page:
//   The store failing is a 503 `{ error: { code: 'unavailable', message: 'store unreachable: <why>' } }`,
//   never a 200 with the error folded into the body next to empty lists. Why: unknown is never
//   shown as zero. A 200 tells a load balancer, a scraper, a monitoring tool and our own polling
//   hook that the answer is good, and each of them would keep or show empty tables as the truth;
//   a 503 is what all of them already read as failure. The polling hook (useLiveQuery) keeps the
//   last good data and marks it stale with the reason; Prometheus' `up` drops to 0; the wall shows
//   its banner. The store pool (lib/store/pool.ts) turns its own failures into
//   StoreUnavailableError (lib/store/errors.ts), so loaders do not catch store errors: they let
//   them through, and this wrapper answers 503. A page whose server render cannot read the store
//   shows "store unreachable: <why>; retrying" and keeps polling (lib/http/first-paint.ts), so it
//   recovers by itself. /api/health is the one answer that describes the store rather than failing
//   with it: it is the probe, and answers 503 with its per-check detail.
//   A monitored system failing (a TruthflowError from a live check or a peek) is a 503 as well,
//   with the kind in words ("could not connect"). Anything else is a bug of ours: 500 `internal`,
//   logged.
import type { NextResponse } from 'next/server';
import type { z } from 'zod';
import { authorize, type Caller } from '../auth/guard';
import { ERROR_KIND_WORDS, TruthflowError } from '../errors';
import { createLogger } from '../log';
import { StoreUnavailableError } from '../store/errors';
import { serverConfig } from '../server-config';
import { hostProblem, originProblem } from './host-guard';
import { NotFound } from './not-found';
import { pathOf, problemOf } from './problem';
import { fail, ok } from './response';

export type Access = 'viewer' | 'admin' | 'public';
type Awaitable<T> = T | Promise<T>;

export interface RouteInput<P, Q, B, A extends Access> {
  params: P;
  query: Q;
  body: B;
  caller: A extends 'public' ? null : Caller;
  request: Request;
}

interface RouteSteps<P, Q, B, A extends Access> {
  role: A;
  /** Path parameters, from Next's (decoded) params unless `paramsFrom` reads them itself. */
  params?: z.ZodType<P>;
  /** For free-form segments that must be decoded exactly once from the raw URL (lib/http/path-segment.ts). */
  paramsFrom?: (request: Request) => Record<string, unknown>;
  /** Omitted: the query string is not read. */
  query?: z.ZodType<Q>;
  /** A form (urlencoded or multipart) as an object of its fields, otherwise JSON. */
  body?: z.ZodType<B>;
  /** The 403 message, when the guard's generic one would not tell the caller enough. */
  forbidden?: string;
  /** Words before a monitored system's failure in the 503 ("could not peek"). */
  failure?: string;
}

export interface JsonRoute<R extends z.ZodType, P, Q, B, A extends Access> extends RouteSteps<P, Q, B, A> {
  response: R;
  load: (input: RouteInput<P, Q, B, A>) => Awaitable<z.input<R> | NotFound>;
  /** The success status when it is not always 200 (health: 503 when not ok). */
  status?: (data: z.output<R>) => number;
  respond?: undefined;
}

export type Respond<D, R extends z.ZodType, P, Q, B, A extends Access> = (
  data: D,
  input: RouteInput<P, Q, B, A> & { json: (body: z.input<R>) => NextResponse },
) => Awaitable<Response>;

export interface CustomRoute<D, R extends z.ZodType, P, Q, B, A extends Access> extends RouteSteps<P, Q, B, A> {
  /** Checks what `input.json` sends, when the route also answers JSON. */
  response?: R;
  load?: (input: RouteInput<P, Q, B, A>) => Awaitable<D | NotFound>;
  respond: Respond<D, R, P, Q, B, A>;
}

/** What Next.js calls: the context is optional so tests can call a handler without params. */
export type RouteHandler = (request: Request, ctx?: { params: Promise<unknown> }) => Promise<Response>;

const log = createLogger('http');

const UNSUPPORTED_BODY = Symbol('unsupported body');

/**
 * A form or JSON, by Content-Type only: a cross-site `no-cors` POST can send `text/plain` without a
 * preflight, so a body is never read as JSON unless it says it is. No Content-Type: no body.
 */
async function bodyOf(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data')
    return request.formData().then(
      (data) => Object.fromEntries(data.entries()),
      () => undefined,
    );
  if (type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type)) return request.json().catch(() => undefined);
  return type === '' ? undefined : UNSUPPORTED_BODY;
}

type Parsed = { params: unknown; query: unknown; body: unknown };

async function parse(
  spec: RouteSteps<unknown, unknown, unknown, Access>,
  request: Request,
  ctx?: { params: Promise<unknown> },
): Promise<Parsed | NextResponse> {
  const parsed: Parsed = { params: undefined, query: undefined, body: undefined };
  const sources = {
    params: async () => (spec.paramsFrom ? spec.paramsFrom(request) : ((await ctx?.params) ?? {})),
    query: async () => Object.fromEntries(new URL(request.url).searchParams),
    body: () => bodyOf(request),
  };
  for (const part of ['params', 'query', 'body'] as const) {
    const schema = spec[part];
    if (!schema) continue;
    const source = await sources[part]();
    if (source === UNSUPPORTED_BODY) return fail('unsupported_media_type', 'send the body as application/json (or as a form)');
    const result = schema.safeParse(source);
    if (!result.success) return fail('bad_request', problemOf(result.error));
    parsed[part] = result.data;
  }
  return parsed;
}

/** Step 4: the data as its schema reads it, or a 500 naming the first bad field. */
function checked(schema: z.ZodType | undefined, data: unknown, request: Request, status?: (data: unknown) => number): NextResponse {
  if (!schema) throw new Error('this route answers JSON without a response schema');
  const result = schema.safeParse(data);
  if (result.success) return ok(result.data, status?.(result.data) ?? 200);
  const issue = result.error.issues[0];
  const at = pathOf(issue) ?? '(the whole answer)';
  log.error({ path: new URL(request.url).pathname, issues: result.error.issues.slice(0, 10) }, 'answer does not match its response schema');
  return fail('internal', `the answer does not match its schema at ${at}: ${issue?.message ?? 'invalid'}`);
}

/**
 * Step 0, before parsing: a state-changing request from another site is refused (Origin), and so
 * is a browser's request naming a host we do not answer to (DNS rebinding). Scripts send neither
 * Origin nor Sec-Fetch-Site and are judged by step 2 alone; the proxy checks Host on every page and
 * API, this covers the routes it does not see (/v1/traces).
 */
function browserProblem(request: Request): string | undefined {
  const fromBrowser = request.headers.has('origin') || request.headers.has('sec-fetch-site');
  return originProblem(request) ?? (fromBrowser ? hostProblem(request, serverConfig()) : undefined);
}

/** The error policy (see the top of this file). */
function failed(error: unknown, request: Request, failure: string | undefined): NextResponse {
  if (error instanceof StoreUnavailableError) return fail('unavailable', `store unreachable: ${error.message}`);
  if (error instanceof TruthflowError) {
    return fail('unavailable', `${failure ? `${failure}: ` : ''}${ERROR_KIND_WORDS[error.kind]} (${error.message})`);
  }
  log.error({ err: error, path: new URL(request.url).pathname }, 'route failed');
  return fail('internal', `internal error: ${error instanceof Error ? error.message : String(error)}`);
}

export function route<R extends z.ZodType, A extends Access, P = undefined, Q = undefined, B = undefined>(
  spec: JsonRoute<R, P, Q, B, A>,
): RouteHandler;
export function route<
  D = undefined,
  A extends Access = Access,
  R extends z.ZodType = z.ZodNever,
  P = undefined,
  Q = undefined,
  B = undefined,
>(spec: CustomRoute<D, R, P, Q, B, A>): RouteHandler;
export function route(
  spec: JsonRoute<z.ZodType, unknown, unknown, unknown, Access> | CustomRoute<unknown, z.ZodType, unknown, unknown, unknown, Access>,
): RouteHandler {
  return async (request, ctx) => {
    try {
      const refused = browserProblem(request);
      if (refused) return fail('forbidden', refused);
      const parsed = await parse(spec, request, ctx);
      if (parsed instanceof Response) return parsed;
      let caller: Caller | null = null;
      if (spec.role !== 'public') {
        const auth = authorize(request, spec.role);
        if (!auth.ok) return spec.forbidden && auth.response.status === 403 ? fail('forbidden', spec.forbidden) : auth.response;
        caller = auth.caller;
      }
      const input = { ...parsed, caller, request } as RouteInput<unknown, unknown, unknown, Access>;
      const data: unknown = spec.load ? await spec.load(input) : undefined;
      if (data instanceof NotFound) return fail('not_found', data.message);
      if (spec.respond) return await spec.respond(data, { ...input, json: (body) => checked(spec.response, body, request) });
      return checked(spec.response, data, request, spec.status as ((data: unknown) => number) | undefined);
    } catch (error) {
      return failed(error, request, spec.failure);
    }
  };
}
