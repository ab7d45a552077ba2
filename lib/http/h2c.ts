// Requests that offer an h2c upgrade (`Connection: Upgrade, HTTP2-Settings` + `Upgrade: h2c`, what
// some HTTP clients send by default on plain http) are answered as ordinary HTTP/1.1. Node's http
// server hands any request with an Upgrade header to its 'upgrade' listeners once one exists, and
// Next.js registers one (for websockets) that answers nothing else: such a POST to /v1/traces got
// an empty reply, and an exporter lost every span. RFC 9113 §3.1 lets a server ignore the offer.
//
// How: for an h2c offer, the request head is written back without the upgrade headers in front of
// the bytes already read, and the socket is handed to the server as a new connection, so the
// ordinary 'request' path parses it. Installed once per process (instrumentation.ts).
import http from 'node:http';
import type { Duplex } from 'node:stream';

const HOP_HEADERS = new Set(['upgrade', 'http2-settings']);
const INSTALLED = Symbol.for('truthflow.h2cIgnored');

export const offersH2c = (req: http.IncomingMessage) => (req.headers.upgrade ?? '').trim().toLowerCase() === 'h2c';

/** The request head as received, minus the upgrade offer. */
export function headWithoutUpgrade(req: http.IncomingMessage): Buffer {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const [name, value] = [req.rawHeaders[i]!, req.rawHeaders[i + 1]!];
    const lower = name.toLowerCase();
    if (HOP_HEADERS.has(lower)) continue;
    if (lower === 'connection') {
      const kept = value
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '' && !HOP_HEADERS.has(t.toLowerCase()));
      if (kept.length > 0) lines.push(`${name}: ${kept.join(', ')}`);
      continue;
    }
    lines.push(`${name}: ${value}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/** Makes every plain-http server of this process answer h2c offers as HTTP/1.1. Idempotent. */
export function ignoreH2cUpgrades(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'upgrade') {
      const [req, socket, head] = args as [http.IncomingMessage, Duplex, Buffer];
      if (offersH2c(req)) {
        socket.unshift(Buffer.concat([headWithoutUpgrade(req), head]));
        return emit.call(this, 'connection', socket);
      }
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}
