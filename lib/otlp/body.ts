// Reading an OTLP request body within limits: the declared Content-Length is checked before a
// byte is read, the wire bytes are counted while streaming, and gzip is inflated with a cap on the
// output (zlib stops inflating at the cap), so neither a large body nor a gzip bomb is buffered.
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/** A request the receiver refuses before decoding: the status says which rule it broke. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

export type Encoding = 'identity' | 'gzip';

/** Content-Encoding to what we can undo; anything else is refused with 415, as for content types. */
export function encodingOf(header: string | null): Encoding {
  const value = (header ?? '').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  throw new BodyError(415, `Content-Encoding ${value.slice(0, 40)} is not supported (use gzip or none)`);
}

const tooLarge = (limit: number) => new BodyError(413, `request body exceeds ${limit} bytes`);

export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** The body as the decoder needs it; the decompressed size is capped at `maxBytes` too. */
export async function decodeBody(raw: Uint8Array, encoding: Encoding, maxBytes: number): Promise<Uint8Array> {
  if (encoding === 'identity') return raw;
  try {
    return await gunzipAsync(raw, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw new BodyError(400, `body is not valid gzip: ${(error as Error).message}`);
  }
}
