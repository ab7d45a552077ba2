// POST /v1/traces — the OTLP/HTTP trace receiver (protobuf or JSON, gzip, spec status codes).
// Exporters point their traces endpoint here; see lib/otlp/receive.ts for the whole path. Through
// the route wrapper for its error policy only: the receiver parses the binary body, checks the
// traces token and answers in OTLP's own encoding and status codes, so the route is 'public', has
// no schemas, and passes the receiver's Response on. A token is required whenever auth is on or
// HOST is not loopback (lib/auth/exposure.ts); the API token is accepted too.
import { boundHost, tracesTokenRequired, tracesTokens } from '@/lib/auth/exposure';
import { route } from '@/lib/http/route';
import { ingestQueue } from '@/lib/otlp/store-writer';
import { receiveTraces } from '@/lib/otlp/receive';
import { serverConfig } from '@/lib/server-config';

// pg, zlib and protobufjs need Node; spans are never cached.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = route({
  role: 'public',
  load: ({ request }) => {
    const config = serverConfig();
    const tokenRequired = tracesTokenRequired(config, boundHost());
    return receiveTraces(request, { traces: config.traces, queue: ingestQueue(), tokens: tracesTokens(config), tokenRequired });
  },
  respond: (response) => response,
});
