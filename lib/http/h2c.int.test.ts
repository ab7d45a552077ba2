// An HTTP/1.1 request offering h2c, against a real Node http server set up as Next.js sets up its
// own (an 'upgrade' listener that only knows websockets): without the fix the client gets an empty
// reply; with it, the ordinary handler answers, body and all, and the connection stays usable.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ignoreH2cUpgrades } from './h2c';

const servers: http.Server[] = [];
const upgraded: Duplex[] = [];
afterEach(async () => {
  for (const socket of upgraded.splice(0)) socket.destroy();
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function nextLikeServer(): Promise<number> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => res.end(JSON.stringify({ method: req.method, upgrade: req.headers.upgrade ?? null, body })));
  });
  // Next.js's production upgrade handler: nothing for a request that is not a websocket of its own.
  server.on('upgrade', (_req, socket: Duplex) => upgraded.push(socket));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

const h2cOffer = (body: string) =>
  [
    'POST /v1/traces HTTP/1.1',
    'Host: 127.0.0.1',
    'Connection: Upgrade, HTTP2-Settings',
    'Upgrade: h2c',
    'HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');

const plainClose = (body: string) =>
  ['POST /again HTTP/1.1', 'Host: 127.0.0.1', 'Connection: close', `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');

/**
 * Raw bytes, so the client sends exactly what curl --http2 sends on plain http; then, once the
 * first answer is in, `then` (if any) on the same connection. Resolves with everything received.
 */
function rawRequest(port: number, first: string, then?: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (c: Buffer) => {
      answer += c.toString();
      if (then && /\r\n\r\n[^]*\}$/.test(answer)) {
        socket.write(then);
        then = undefined;
      }
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    socket.setTimeout(1500, () => socket.destroy());
    socket.write(first);
  });
}

describe('h2c upgrade offers', () => {
  it('get an empty reply from a server with an upgrade listener (the failure being fixed)', async () => {
    const port = await nextLikeServer();
    expect(await rawRequest(port, h2cOffer('{"a":1}'))).toBe('');
  });

  it('are answered as plain HTTP/1.1, body included, connection kept for the next request', async () => {
    ignoreH2cUpgrades();
    ignoreH2cUpgrades(); // idempotent
    const port = await nextLikeServer();
    const answer = await rawRequest(port, h2cOffer('{"resourceSpans":[]}'), plainClose('{}'));
    const statuses = answer.match(/HTTP\/1\.1 \d+/g);
    expect(statuses).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200']);
    expect(answer).toContain('{"method":"POST","upgrade":null,"body":"{\\"resourceSpans\\":[]}"}');
    expect(answer).not.toMatch(/101 Switching/);
  });
});
