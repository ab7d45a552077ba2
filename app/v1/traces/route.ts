// POST /v1/traces — the OTLP/HTTP trace receiver (protobuf or JSON, gzip, spec status codes).
// Exporters point their traces endpoint here; see lib/otlp/receive.ts for the whole path. Through
// the route wrapper for its error policy only: the receiver parses the binary body, checks the
// traces token and answers in OTLP's own encoding and status codes, so the route is 'public', has
// no schemas, and passes the receiver's Response on.
import { route } from '@/lib/http/route';
import { ingestQueue } from '@/lib/otlp/store-writer';
import { receiveTraces } from '@/lib/otlp/receive';
import { serverConfig } from '@/lib/server-config';

// pg, zlib and protobufjs need Node; spans are never cached.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = route({
  role: 'public',
  load: ({ request }) => receiveTraces(request, { traces: serverConfig().traces, queue: ingestQueue() }),
  respond: (response) => response,
});
