// Carries out the server switches (Kafka broker stopped, search node stopped, cache down). The dashboard
// and the CLI only record a switch; the process that started the servers (`npm start`) runs this
// watcher with its launchers, so stopping a JVM never happens inside Truthflow's own processes.
// A server action that fails is recorded back, so the panel never claims what did not happen.
import type pg from 'pg';
import type { Logger } from '@/lib/log';
import { FAULTS, type FaultName, type FaultServer } from '@/lib/fault-switches/catalogue';
import { recordFault } from '@/lib/fault-switches/switches';
import { watchFaults, type FaultBoard } from './fault-board';

/** Starts and stops the servers behind the server switches (tests pass fakes). */
export interface ServerControl {
  stopKafka(): Promise<unknown>;
  startKafka(): Promise<unknown>;
  stopOpenSearch(): Promise<unknown>;
  startOpenSearch(): Promise<unknown>;
  /** The Redis pair, primary and replica together: the shop's cache has no failover to fall back on. */
  stopRedis(): Promise<unknown>;
  startRedis(): Promise<unknown>;
}

export interface ServerFaultWatcher {
  /** Reads the switches now and acts on any server switch that changed (tests, start-up). */
  refresh(): Promise<void>;
  /** Resolves when every action started so far has finished. */
  settled(): Promise<void>;
  stop(): void;
}

async function act(server: FaultServer, on: boolean, control: ServerControl): Promise<void> {
  const actions: Record<FaultServer, { stop: () => Promise<unknown>; start: () => Promise<unknown> }> = {
    kafka: { stop: () => control.stopKafka(), start: () => control.startKafka() },
    opensearch: { stop: () => control.stopOpenSearch(), start: () => control.startOpenSearch() },
    redis: { stop: () => control.stopRedis(), start: () => control.startRedis() },
  };
  await (on ? actions[server].stop() : actions[server].start());
}

export function watchServerFaults(db: Pick<pg.Pool, 'query'>, control: ServerControl, log: Logger, board?: FaultBoard): ServerFaultWatcher {
  const faults = board ?? watchFaults(db, log);
  // Actions run one after another, in the order the switches changed: a quick on/off must not
  // start the broker before the stop has finished.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (name: FaultName, server: FaultServer, on: boolean) => {
    queue = queue.then(async () => {
      log.info({ fault: name }, `${on ? 'stopping' : 'starting'} ${server} for the fault switch`);
      try {
        await act(server, on, control);
      } catch (error) {
        log.error({ err: error, fault: name }, `could not ${on ? 'stop' : 'start'} ${server}; switch recorded back`);
        await recordFault(db, name, !on).catch(() => undefined);
      }
    });
  };
  faults.onChange((changed) => {
    for (const name of changed) {
      const server = FAULTS[name].server;
      if (server) enqueue(name, server, faults.isOn(name));
    }
  });
  return {
    refresh: () => faults.refresh(),
    settled: () => queue,
    stop: () => {
      if (!board) faults.stop();
    },
  };
}
