// One pino logger factory so every process logs the same JSON shape (level, time, component).
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(component: string): Logger {
  return pino({
    name: 'truthflow',
    level: process.env.LOG_LEVEL ?? 'info',
    base: { component },
    // Secrets never reach logs even when a whole config object is logged by mistake.
    redact: { paths: ['*.password', '*.url', '*.apiKey', '*.token', '*.passwordHash'], censor: '[redacted]' },
  });
}
