// Typed error kinds shared by collectors, clients and the UI. The UI shows the kind in words
// ("could not reach the broker"), so every failure that leaves a client must carry one.
export const ERROR_KINDS = ['network', 'timeout', 'auth', 'parse', 'http', 'config'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export class TruthflowError extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TruthflowError';
    this.kind = kind;
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
