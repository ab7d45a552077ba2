import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type BodyError, decodeBody, encodingOf, readBody } from './body';

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request('http://x/v1/traces', { method: 'POST', body, headers });
const statusOf = async (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: BodyError) => e.status,
  );

describe('request bodies', () => {
  it('refuses by Content-Length before reading', async () => {
    expect(await statusOf(readBody(post('x'.repeat(10), { 'content-length': '5000' }), 1024))).toBe(413);
  });

  it('counts streamed bytes when no length is declared', async () => {
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new Uint8Array(200));
        c.close();
      },
    });
    const request = new Request('http://x/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(await statusOf(readBody(request, 1024))).toBe(413);
    expect((await readBody(post('hello'), 1024)).byteLength).toBe(5);
  });

  it('inflates gzip up to the limit and refuses a bomb with 413', async () => {
    expect(Buffer.from(await decodeBody(gzipSync('hello'), 'gzip', 1024)).toString()).toBe('hello');
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(await statusOf(decodeBody(bomb, 'gzip', 1024 * 1024))).toBe(413);
  });

  it('answers 400 for bytes that are not gzip and 415 for unknown encodings', async () => {
    expect(await statusOf(decodeBody(Buffer.from('plain'), 'gzip', 1024))).toBe(400);
    expect(await statusOf(decodeBody(gzipSync('hello').subarray(0, 12), 'gzip', 1024))).toBe(400);
    expect(() => encodingOf('br')).toThrow(expect.objectContaining({ status: 415 }));
    expect(encodingOf(null)).toBe('identity');
    expect(encodingOf('GZIP')).toBe('gzip');
  });
});
