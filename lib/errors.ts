// Typed error kinds shared by collectors, clients and the UI. The UI shows the kind in words
// ("could not reach the broker"), so every failure that leaves a client must carry one.
export const ERROR_KINDS = ['network', 'timeout', 'auth', 'parse', 'http', 'config'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Where an error keeps the brands of its classes; Symbol.for, so every copy of this module agrees. */
const BRANDS = Symbol.for('truthflow.error.brands');

export class TruthflowError extends Error {
  /**
   * `instanceof` by brand rather than by class identity. Next.js compiles route handlers and pages
   * into separate module layers, so one process can hold two copies of this class; an error thrown
   * by the store pool one layer created (it lives on globalThis) must still be recognised by the
   * other layer's `instanceof`. A subclass that callers test with `instanceof` names its own brand.
   */
  static readonly brand: string = 'TruthflowError';
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TruthflowError';
    this.kind = kind;
    const brands: string[] = [];
    for (let c: unknown = new.target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c, 'brand')) brands.push((c as unknown as { brand: string }).brand);
    }
    Object.defineProperty(this, BRANDS, { value: brands });
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    // A subclass without a brand of its own: ordinary prototype-chain instanceof.
    if (!Object.hasOwn(this, 'brand')) return Function.prototype[Symbol.hasInstance].call(this, value);
    const brands = (value as Record<symbol, unknown> | null | undefined)?.[BRANDS];
    return Array.isArray(brands) && brands.includes(this.brand);
  }
}

/** Words for each kind, as an SRE would say them on a status panel. */
export const ERROR_KIND_WORDS: Record<ErrorKind, string> = {
  network: 'could not connect',
  timeout: 'timed out',
  auth: 'credentials refused',
  parse: 'unexpected response',
  http: 'server answered with an error',
  config: 'configuration problem',
};

/** Best-effort classification of errors thrown by libraries that do not use TruthflowError. */
export function errorKindOf(error: unknown): ErrorKind {
  if (error instanceof TruthflowError) return error.kind;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN'].includes(code)) return 'network';
    if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'timeout';
    if (code === '28P01' || code === '28000' || code === '42501') return 'auth';
  }
  if (error instanceof Error && error.name === 'AbortError') return 'timeout';
  if (error instanceof SyntaxError) return 'parse';
  return 'network';
}
