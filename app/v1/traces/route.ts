// POST /v1/traces — the OTLP/HTTP trace receiver (protobuf or JSON, gzip, spec status codes).
// Exporters point their traces endpoint here; see lib/otlp/receive.ts for the whole path.
import { ingestQueue } from '@/lib/otlp/store-writer';
import { receiveTraces } from '@/lib/otlp/receive';
import { serverConfig } from '@/lib/server-config';

// pg, zlib and protobufjs need Node; spans are never cached.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  return receiveTraces(request, { traces: serverConfig().traces, queue: ingestQueue() });
}
