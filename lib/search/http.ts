// One validated HTTP exchange with a search server (OpenSearch or Elasticsearch). Every failure
// leaves as a TruthflowError whose kind the UI can put into words; secrets never enter messages.
import { z } from 'zod';
import { TruthflowError } from '../errors';

export type SearchAuth =
  | { type: 'none' }
  | { type: 'basic'; username: string; password: string }
  /** `apiKey` is the encoded key as the server hands it out (base64 of `id:key`). */
  | { type: 'apiKey'; apiKey: string };

export interface SearchConnection {
  url: string;
  auth?: SearchAuth;
  timeoutMs?: number;
}

export interface SearchRequest<T> {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  /** Sent as is (bulk NDJSON); otherwise `body` is JSON-encoded. */
  rawBody?: string;
  schema: z.ZodType<T>;
  /** Statuses besides 2xx whose body is still parsed with `schema` (e.g. 404 of a missing document). */
  acceptStatuses?: number[];
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** Node stats of a large cluster run to a few MiB; anything far beyond is not a search server. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** Shape of a search server's error body: `{ error: { type, reason, root_cause }, status }`. */
const errorBodySchema = z.object({
  error: z.union([z.string(), z.looseObject({ type: z.string().optional(), reason: z.string().nullish() })]),
});

export function authHeader(auth: SearchAuth | undefined): string | undefined {
  if (!auth || auth.type === 'none') return undefined;
  if (auth.type === 'basic') return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  return `ApiKey ${auth.apiKey}`;
}

export function joinUrl(base: string, path: string): string {
  return new URL(path.replace(/^\/+/, ''), base.endsWith('/') ? base : `${base}/`).toString();
}

export async function searchRequest<T>(conn: SearchConnection, req: SearchRequest<T>): Promise<{ status: number; body: T }> {
  const url = joinUrl(conn.url, req.path);
  const what = `${req.method} ${new URL(url).pathname}`;
  const response = await send(conn, req, url, what);
  const text = await readBounded(response, what);
  const { status } = response;
  if (status === 401 || status === 403) {
    throw new TruthflowError('auth', `${what}: ${status} ${describeError(text) ?? 'credentials refused'}`);
  }
  const httpError = () => new TruthflowError('http', `${what}: HTTP ${status}${suffix(describeError(text))}`);
  if (status >= 200 && status < 300) return { status, body: parseBody(text, req.schema, what) };
  if (!(req.acceptStatuses ?? []).includes(status)) throw httpError();
  // An accepted error status whose body is not the expected shape is an ordinary error after all
  // (a 404 for a missing index rather than for a missing document).
  try {
    return { status, body: parseBody(text, req.schema, what) };
  } catch {
    throw httpError();
  }
}

async function send<T>(conn: SearchConnection, req: SearchRequest<T>, url: string, what: string): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const auth = authHeader(conn.auth);
  if (auth) headers.authorization = auth;
  let body: string | undefined;
  if (req.rawBody !== undefined) {
    headers['content-type'] = 'application/x-ndjson';
    body = req.rawBody;
  } else if (req.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.body);
  }
  const timeoutMs = conn.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    return await fetch(url, { method: req.method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw transportError(error, what, timeoutMs);
  }
}

function transportError(error: unknown, what: string, timeoutMs: number): TruthflowError {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new TruthflowError('timeout', `${what}: no answer within ${timeoutMs} ms`, { cause: error });
  }
  // undici hides the socket error (ECONNREFUSED, ENOTFOUND, ...) in `cause`.
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const detail = typeof cause?.code === 'string' ? cause.code : String(cause?.message ?? (error as Error).message);
  return new TruthflowError('network', `${what}: cannot connect (${detail})`, { cause: error });
}

/** Reads the body, giving up past MAX_RESPONSE_BYTES so a misbehaving server cannot exhaust memory. */
async function readBounded(response: Response, what: string): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_RESPONSE_BYTES) {
        await reader.cancel();
        throw new TruthflowError('parse', `${what}: response larger than ${MAX_RESPONSE_BYTES} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof TruthflowError) throw error;
    const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
    throw new TruthflowError(timedOut ? 'timeout' : 'network', `${what}: response interrupted`, { cause: error });
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody<T>(text: string, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TruthflowError('parse', `${what}: response is not JSON (${preview(text)})`, { cause: error });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new TruthflowError('parse', `${what}: unexpected response at ${where}: ${issue?.message ?? 'invalid'}`, {
      cause: result.error,
    });
  }
  return result.data;
}

/** "type: reason" from a search error body, or a short preview of whatever else came back. */
export function describeError(text: string): string | undefined {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { error } = parsed.data;
      if (typeof error === 'string') return error;
      return [error.type, error.reason].filter(Boolean).join(': ') || undefined;
    }
  } catch {
    // not JSON: fall through to the preview
  }
  return text.trim() ? preview(text) : undefined;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat || '(empty body)';
}

function suffix(detail: string | undefined): string {
  return detail ? ` ${detail}` : '';
}
