// The lane a span belongs on, decided once at ingest: an explicit `truthflow.stage` attribute wins;
// else OpenTelemetry semantic conventions name the store (db.system, or db.system.name since semconv
// 1.26); else the service's own name, so every span lands on some lane.
import type { Attrs } from './model';

export const STAGE_ATTRIBUTE = 'truthflow.stage';
const MAX_STAGE_LENGTH = 200;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** Database system names from semconv mapped to the store words lanes use. */
const DB_STORES: Record<string, string> = {
  postgresql: 'postgres',
  postgres: 'postgres',
  elasticsearch: 'search',
  opensearch: 'search',
};

export function deriveStage(attributes: Attrs, serviceName: string): string {
  const explicit = text(attributes[STAGE_ATTRIBUTE]);
  if (explicit) return explicit.slice(0, MAX_STAGE_LENGTH);

  const db = text(attributes['db.system.name']) ?? text(attributes['db.system']);
  if (db) return DB_STORES[db.toLowerCase()] ?? db.toLowerCase().slice(0, MAX_STAGE_LENGTH);

  if (text(attributes['messaging.system'])?.toLowerCase() === 'kafka') {
    const topic = text(attributes['messaging.destination.name']);
    return topic ? `kafka:${topic}`.slice(0, MAX_STAGE_LENGTH) : 'kafka';
  }
  return serviceName.slice(0, MAX_STAGE_LENGTH);
}
