// Spreads jobs (a collector or evaluator on one target) over collectors processes. Before each
// run a job asks for its lease; the first process to ask gets it and keeps it while its store
// connection lives. When the store is unreachable we keep running the jobs we held (their samples
// wait in the sink's buffer) and re-check ownership once the store is back.
import type { Logger } from '@/lib/log';
import { openLeaseConnection, type LeaseConnection } from '@/lib/store/queries/leases';

export class LeaseKeeper {
  private connection: LeaseConnection | undefined;
  private connecting: Promise<LeaseConnection | undefined> | undefined;
  private readonly held = new Set<string>();
  /** Held before the connection dropped: must be re-acquired (or given up) once it is back. */
  private readonly unconfirmed = new Set<string>();
  private nextConnectAt = 0;

  constructor(private readonly log: Logger) {}

  /** True when this process may run `key` now. */
  async mayRun(key: string): Promise<boolean> {
    const connection = await this.connect();
    if (!connection) return this.held.has(key); // store down: carry on with what we had
    if (this.held.has(key) && !this.unconfirmed.has(key)) return true;
    try {
      const ok = await connection.tryLock(key);
      this.unconfirmed.delete(key);
      if (ok) this.held.add(key);
      else if (this.held.delete(key)) this.log.info({ job: key }, 'another collectors process took over this job');
      return ok;
    } catch {
      return this.held.has(key);
    }
  }

  owned(): string[] {
    return [...this.held];
  }

  async close(): Promise<void> {
    await this.connection?.close();
    this.connection = undefined;
    this.held.clear();
  }

  private async connect(): Promise<LeaseConnection | undefined> {
    if (this.connection?.alive) return this.connection;
    if (this.connection) {
      // The session (and with it every lock) is gone; other processes may take our jobs.
      for (const key of this.held) this.unconfirmed.add(key);
      this.connection = undefined;
      this.log.warn('lease connection lost; will re-acquire leases when the store is back');
    }
    // While the store is down, one connection attempt per few seconds, not one per job.
    if (Date.now() < this.nextConnectAt) return undefined;
    this.connecting ??= openLeaseConnection()
      .then((c) => (this.connection = c))
      .catch(() => {
        this.nextConnectAt = Date.now() + 5_000;
        return undefined;
      })
      .finally(() => {
        this.connecting = undefined;
      });
    return this.connecting;
  }
}
