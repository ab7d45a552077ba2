// The demo_faults table in the demo shop's own database (not Truthflow's store): one row per switch
// that was ever flipped. Reading and recording a switch is all anyone does here; the shop's
// services poll the table and behave accordingly, and the server switches are carried out by the
// process that owns the servers (see demo/server-faults.ts).
import type pg from 'pg';
import { z } from 'zod';
import { FAULT_NAMES, FAULT_SERVERS, FAULTS, type FaultName, type FaultSpec } from './catalogue';

export interface FaultState extends FaultSpec {
  on: boolean;
  /** The value in force (the default unless one was set). */
  value: number | undefined;
  updatedAt: Date | undefined;
}

/** A switch as the /api/demo/faults answer and the panel carry it. */
export const faultViewSchema = z.object({
  name: z.enum(FAULT_NAMES),
  title: z.string(),
  description: z.string(),
  affects: z.string(),
  on: z.boolean(),
  value: z.number().nullish(),
  unit: z.string().optional(),
  server: z.enum(FAULT_SERVERS).optional(),
});
export type FaultView = z.infer<typeof faultViewSchema>;

type Db = Pick<pg.Pool, 'query'>;

interface FaultRow {
  name: string;
  enabled: boolean;
  value: string | null;
  updated_at: Date;
}

/** Every switch with its state; switches never touched are off. */
export async function listFaults(db: Db): Promise<FaultState[]> {
  const { rows } = await db.query<FaultRow>('SELECT name, enabled, value, updated_at FROM demo_faults');
  const byName = new Map(rows.map((r) => [r.name, r]));
  return FAULT_NAMES.map((name) => stateOf(FAULTS[name], byName.get(name)));
}

function stateOf(spec: FaultSpec, row: FaultRow | undefined): FaultState {
  const stored = row?.value === null || row?.value === undefined ? undefined : Number(row.value);
  return { ...spec, on: row?.enabled ?? false, value: stored ?? spec.defaultValue, updatedAt: row?.updated_at };
}

/** Why a value cannot go with a switch, or undefined when it can. */
export function valueProblem(name: FaultName, value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const spec = FAULTS[name];
  if (spec.defaultValue === undefined) return `${name} takes no value`;
  return Number.isFinite(value) && value > 0 ? undefined : `${name} needs a positive number`;
}

/** Records a switch as on or off and returns its new state. */
export async function recordFault(db: Db, name: FaultName, on: boolean, value?: number): Promise<FaultState> {
  const problem = valueProblem(name, value);
  if (problem) throw new Error(problem);
  const { rows } = await db.query<FaultRow>(
    `INSERT INTO demo_faults (name, enabled, value, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (name) DO UPDATE SET enabled = EXCLUDED.enabled, value = COALESCE(EXCLUDED.value, demo_faults.value), updated_at = now()
     RETURNING name, enabled, value, updated_at`,
    [name, on, value ?? null],
  );
  return stateOf(FAULTS[name], rows[0]);
}

/** Returns the shop to health: every switch that is on is recorded off. */
export async function allFaultsOff(db: Db): Promise<FaultState[]> {
  for (const fault of await listFaults(db)) {
    if (fault.on) await recordFault(db, fault.name, false);
  }
  return listFaults(db);
}

/**
 * Records the server switches as off: for a shop that has just reached both servers, a "broker
 * stopped" left on from an earlier session would be a lie on the panel.
 */
export async function clearServerFaults(db: Db): Promise<void> {
  const servers = FAULT_NAMES.filter((name) => FAULTS[name].server);
  await db.query('UPDATE demo_faults SET enabled = false, updated_at = now() WHERE enabled AND name = ANY($1)', [servers]);
}
