// Answers in OTLP/HTTP's terms, in the request's own encoding: an ExportTraceServiceResponse
// (empty, or with partial_success) on 200, a google.rpc.Status on errors. This deliberately is not
// lib/http/response.ts's `{ error: { code, message } }`: exporters parse the protocol's shapes.
import { otlpTypes } from './protos';

export type Format = 'protobuf' | 'json';

const CONTENT_TYPE: Record<Format, string> = { protobuf: 'application/x-protobuf', json: 'application/json' };

/** google.rpc.Code values for the statuses we send. */
const RPC_CODE: Record<number, number> = { 400: 3, 401: 16, 413: 8, 415: 3, 429: 8, 500: 13, 503: 14 };

/** Request Content-Type to a format; undefined means 415. */
export function formatOf(contentType: string | null): Format | undefined {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (media === 'application/x-protobuf' || media === 'application/protobuf') return 'protobuf';
  if (media === 'application/json') return 'json';
  return undefined;
}

function reply(format: Format, status: number, body: Uint8Array | string, headers: Record<string, string> = {}): Response {
  return new Response(body as BodyInit, {
    status,
    headers: { 'Content-Type': CONTENT_TYPE[format], 'Cache-Control': 'no-store', ...headers },
  });
}

/** partial_success goes out when spans were refused, or (with rejected 0) when something was cut: the spec's warning form. */
export function exportResponse(format: Format, rejected: number, errorMessage: string): Response {
  const partial = rejected > 0 || errorMessage !== '' ? { rejectedSpans: rejected, errorMessage } : undefined;
  if (format === 'json') {
    // int64 goes out as a decimal string, per the protobuf JSON mapping.
    return reply('json', 200, JSON.stringify(partial ? { partialSuccess: { ...partial, rejectedSpans: String(rejected) } } : {}));
  }
  const type = otlpTypes().ExportTraceServiceResponse;
  return reply('protobuf', 200, type.encode(type.fromObject(partial ? { partialSuccess: partial } : {})).finish());
}

/** An error answer; `retryAfterSeconds` goes with 429 and 503 so exporters back off, then retry. */
export function statusResponse(format: Format, status: number, message: string, retryAfterSeconds?: number): Response {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
  const body = { code: RPC_CODE[status] ?? 2, message };
  if (format === 'json') return reply('json', status, JSON.stringify(body), headers);
  const type = otlpTypes().Status;
  return reply('protobuf', status, type.encode(type.fromObject(body)).finish(), headers);
}
