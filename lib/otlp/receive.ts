// POST /v1/traces from request to response, kept out of the route file so tests, the benchmark and
// the route share one path. Order matters: cheap refusals (415, 401, 429 when the queue is full or
// too many bodies are being decoded, 413 by Content-Length) come before a byte of the body is read.
// Then the per-request limits (./limits.ts) cut what is too much and partial_success says what.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { TracesConfig } from '@/lib/config';
import { counter } from '@/lib/telemetry';
import { BodyError, decodeBody, encodingOf, readBody } from './body';
import { decodeJson } from './decode-json';
import { decodeProtobuf } from './decode-proto';
import { isDataError, QueueFullError, type IngestQueue } from './ingest';
import { boundKeys, boundRequest, limitNotes, limitsOf } from './limits';
import { MalformedBodyError } from './model';
import { normalize } from './normalize';
import { exportResponse, formatOf, statusResponse, type Format } from './respond';

export const OTLP_METRICS = {
  spansAccepted: 'truthflow.otlp.spans.accepted',
  spansRejected: 'truthflow.otlp.spans.rejected',
  requestsRefused: 'truthflow.otlp.requests.refused',
} as const;

/** How long exporters should wait before retrying when we are behind or the store is down. */
const RETRY_AFTER_FULL_SECONDS = 2;
const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;
/** Bodies read, inflated and decoded at once: each may take maxBodyBytes and a core. */
export const MAX_CONCURRENT_DECODES = 4;
// Per process, on globalThis: Next.js may load this module in more than one bundle.
const decodes = globalThis as { truthflowOtlpDecodes?: number };

export interface ReceiverDeps {
  traces: TracesConfig;
  queue: IngestQueue;
  /** Bearer tokens accepted; default: traces.token alone. */
  tokens?: readonly string[];
  /** Refuse exports without a token even when none is configured (auth on, or HOST not loopback). */
  tokenRequired?: boolean;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time comparison of the bearer token (hashing first makes the lengths equal). */
function authorized(header: string | null, tokens: readonly string[], required: boolean): boolean {
  if (tokens.length === 0) return !required;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (match === null) return false;
  const given = digest(match[1]!);
  return tokens.map((token) => timingSafeEqual(given, digest(token))).includes(true);
}

const tokensOf = (deps: ReceiverDeps): readonly string[] => deps.tokens ?? (deps.traces.token ? [deps.traces.token] : []);

function refused(format: Format, status: number, message: string, retryAfter?: number): Response {
  counter(OTLP_METRICS.requestsRefused, 'OTLP export requests answered with an error').add(1, { status: String(status) });
  return statusResponse(format, status, message, retryAfter);
}

export async function receiveTraces(request: Request, deps: ReceiverDeps): Promise<Response> {
  // 1. parse the headers: what we are sent and how it is encoded.
  const format = formatOf(request.headers.get('content-type'));
  if (!format) return refused('json', 415, 'Content-Type must be application/x-protobuf or application/json');
  // 2. auth.
  const tokens = tokensOf(deps);
  if (!authorized(request.headers.get('authorization'), tokens, deps.tokenRequired ?? false)) {
    const hint = tokens.length === 0 ? ': none is configured, set traces.token in truthflow.yaml' : '';
    return refused(format, 401, `a valid bearer token is required${hint}`);
  }
  // 3. backpressure, before the body is read: the exporter keeps it and retries.
  if (deps.queue.isFull()) return refused(format, 429, 'ingest queue is full; retry later', RETRY_AFTER_FULL_SECONDS);
  if ((decodes.truthflowOtlpDecodes ?? 0) >= MAX_CONCURRENT_DECODES) {
    return refused(format, 429, `${MAX_CONCURRENT_DECODES} export requests are being decoded; retry later`, RETRY_AFTER_FULL_SECONDS);
  }
  // 4. read, decode, bound, validate, store.
  try {
    const { rows, rejected, message } = await decodeWithin(request, format, deps);
    await deps.queue.submit(rows).catch((error: unknown) => {
      throw error instanceof QueueFullError ? error : new StoreError(error);
    });
    counter(OTLP_METRICS.spansAccepted, 'Spans stored by the OTLP receiver').add(rows.spans.length);
    if (rejected) counter(OTLP_METRICS.spansRejected, 'Spans refused by the OTLP receiver').add(rejected);
    // 5. respond.
    return exportResponse(format, rejected, message);
  } catch (error) {
    if (error instanceof BodyError) return refused(format, error.status, error.message);
    if (error instanceof MalformedBodyError) return refused(format, 400, error.message);
    if (error instanceof QueueFullError) return refused(format, 429, error.message, RETRY_AFTER_FULL_SECONDS);
    if (error instanceof StoreError) {
      // The store refused the rows themselves: retrying the same bytes would fail the same way.
      if (isDataError(error.cause)) return refused(format, 400, `the store refused these spans: ${error.message}`);
      return refused(format, 503, `span store unavailable: ${error.message}`, RETRY_AFTER_UNAVAILABLE_SECONDS);
    }
    // A bug of ours: 500, which exporters do not retry (a retry would hit the same bug).
    return refused(format, 500, `internal error: ${(error as Error).message}`);
  }
}

/** Steps that hold the body in memory, counted against MAX_CONCURRENT_DECODES. */
async function decodeWithin(request: Request, format: Format, deps: ReceiverDeps) {
  decodes.truthflowOtlpDecodes = (decodes.truthflowOtlpDecodes ?? 0) + 1;
  try {
    const encoding = encodingOf(request.headers.get('content-encoding'));
    const raw = await readBody(request, deps.traces.maxBodyBytes);
    const body = await decodeBody(raw, encoding, deps.traces.maxBodyBytes);
    const limits = limitsOf(deps.traces);
    const bounded = boundRequest(format === 'json' ? decodeJson(body) : decodeProtobuf(body), limits);
    const result = normalize(bounded.request, deps.traces.businessKeys);
    const { keys, droppedKeys } = boundKeys(result.keys, limits);
    const notes = [result.errorMessage, ...limitNotes(limits, { ...bounded, droppedKeys })].filter(Boolean);
    return { rows: { spans: result.spans, keys }, rejected: result.rejected + bounded.droppedSpans, message: notes.join('; ') };
  } finally {
    decodes.truthflowOtlpDecodes = (decodes.truthflowOtlpDecodes ?? 1) - 1;
  }
}

class StoreError extends Error {
  constructor(cause: unknown) {
    super((cause as Error)?.message ?? String(cause), { cause });
    this.name = 'StoreError';
  }
}
