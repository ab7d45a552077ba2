// POST /v1/traces from request to response, kept out of the route file so tests, the benchmark and
// the route share one path. Order matters: cheap refusals (415, 401, 413 by Content-Length) come
// before a byte of the body is read.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { TracesConfig } from '@/lib/config';
import { counter } from '@/lib/telemetry';
import { BodyError, decodeBody, encodingOf, readBody } from './body';
import { decodeJson } from './decode-json';
import { decodeProtobuf } from './decode-proto';
import { isDataError, QueueFullError, type IngestQueue } from './ingest';
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

export interface ReceiverDeps {
  traces: TracesConfig;
  queue: IngestQueue;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time comparison of the bearer token (hashing first makes the lengths equal). */
function authorized(header: string | null, token: string | undefined): boolean {
  if (token === undefined) return true;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

function refused(format: Format, status: number, message: string, retryAfter?: number): Response {
  counter(OTLP_METRICS.requestsRefused, 'OTLP export requests answered with an error').add(1, { status: String(status) });
  return statusResponse(format, status, message, retryAfter);
}

export async function receiveTraces(request: Request, deps: ReceiverDeps): Promise<Response> {
  // 1. parse the headers: what we are sent and how it is encoded.
  const format = formatOf(request.headers.get('content-type'));
  if (!format) return refused('json', 415, 'Content-Type must be application/x-protobuf or application/json');
  // 2. auth.
  if (!authorized(request.headers.get('authorization'), deps.traces.token)) {
    return refused(format, 401, 'a valid bearer token is required');
  }
  // 3. read, decode, validate, store.
  try {
    const encoding = encodingOf(request.headers.get('content-encoding'));
    const raw = await readBody(request, deps.traces.maxBodyBytes);
    const body = await decodeBody(raw, encoding, deps.traces.maxBodyBytes);
    const decoded = format === 'json' ? decodeJson(body) : decodeProtobuf(body);
    const result = normalize(decoded, deps.traces.businessKeys);
    await deps.queue.submit({ spans: result.spans, keys: result.keys }).catch((error: unknown) => {
      throw error instanceof QueueFullError ? error : new StoreError(error);
    });
    counter(OTLP_METRICS.spansAccepted, 'Spans stored by the OTLP receiver').add(result.spans.length);
    if (result.rejected) counter(OTLP_METRICS.spansRejected, 'Spans refused by the OTLP receiver').add(result.rejected);
    // 4. respond.
    return exportResponse(format, result.rejected, result.errorMessage);
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

class StoreError extends Error {
  constructor(cause: unknown) {
    super((cause as Error)?.message ?? String(cause), { cause });
    this.name = 'StoreError';
  }
}
