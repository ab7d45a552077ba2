// What the running services know about the switches: demo_faults read once a second. A failed read
// keeps the last known state, so a database hiccup neither clears nor invents a fault.
import type pg from 'pg';
import type { Logger } from '@/lib/log';
import type { FaultName } from '@/lib/fault-switches/catalogue';
import { listFaults } from '@/lib/fault-switches/switches';

export const FAULT_POLL_MS = 1_000;

export interface FaultView {
  isOn(name: FaultName): boolean;
  /** The switch's number while it is on (its default unless one was set); undefined while off. */
  valueOf(name: FaultName): number | undefined;
}

export interface FaultBoard extends FaultView {
  /** Called after every read that changed something, with the names that changed. */
  onChange(listener: (changed: FaultName[]) => void): void;
  /** Reads now (start-up, tests). */
  refresh(): Promise<void>;
  stop(): void;
}

export function watchFaults(db: Pick<pg.Pool, 'query'>, log: Logger, intervalMs = FAULT_POLL_MS): FaultBoard {
  const current = new Map<FaultName, number | undefined>();
  const listeners: ((changed: FaultName[]) => void)[] = [];
  let failing = false;

  const refresh = async () => {
    try {
      const states = await listFaults(db);
      if (failing) log.info('fault switches readable again');
      failing = false;
      const changed: FaultName[] = [];
      for (const s of states) {
        const before = current.has(s.name) ? (current.get(s.name) ?? 'on') : 'off';
        const after = s.on ? (s.value ?? 'on') : 'off';
        if (before !== after) changed.push(s.name);
        if (s.on) current.set(s.name, s.value);
        else current.delete(s.name);
      }
      if (changed.length) {
        log.info({ faults: [...current.keys()] }, `fault switches changed: ${changed.join(', ')}`);
        for (const l of listeners) l(changed);
      }
    } catch (error) {
      if (!failing) log.warn({ err: error }, 'cannot read fault switches; keeping the last known state');
      failing = true;
    }
  };

  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    timer = setTimeout(() => void refresh().finally(() => timer && tick()), intervalMs);
  };
  tick();

  return {
    isOn: (name) => current.has(name),
    valueOf: (name) => current.get(name),
    onChange: (listener) => void listeners.push(listener),
    refresh,
    stop: () => {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
