// Spreads jobs (a collector or evaluator on one target) over collectors processes. Before each
// run a job asks for its lease; the first process to ask gets it and keeps it while its store
// connection lives. When the store is unreachable we keep running the jobs we held (their samples
// wait in the sink's buffer) and re-check ownership once the store is back.
//
// Jobs of one share (the lag shards of a Kafka cluster) are not first come, first served: a
// process holds at most its fair part, ceil(jobs / processes in the share), and gives back what
// it holds beyond that, so a process started later gets shards too. Processes count themselves in
// with a shared advisory lock per share, which dies with them like the leases do.
import type { Logger } from '@/lib/log';
import { openLeaseConnection, type LeaseConnection } from '@/lib/store/queries/leases';
import type { JobShare } from '../types';

/** How long a share's member count is trusted: one query per share per tick round, not per job. */
const MEMBERS_TTL_MS = 1_000;

export class LeaseKeeper {
  private connection: LeaseConnection | undefined;
  private connecting: Promise<LeaseConnection | undefined> | undefined;
  private readonly held = new Set<string>();
  /** Held before the connection dropped: must be re-acquired (or given up) once it is back. */
  private readonly unconfirmed = new Set<string>();
  private nextConnectAt = 0;
  /** key → its share, for the keys of shared jobs this process holds. */
  private readonly shareOf = new Map<string, string>();
  /** Shares this connection has joined, and their member counts with when they were read. */
  private readonly joined = new Map<string, { members: number; readAt: number }>();

  /** When each job last asked for its lease, i.e. last began a tick; the heartbeat reports stalls from it. */
  readonly askedAt = new Map<string, number>();

  constructor(private readonly log: Logger) {}

  /** True when this process may run `key` now. `share`: the job is one of several to spread evenly. */
  async mayRun(key: string, share?: JobShare): Promise<boolean> {
    this.askedAt.set(key, Date.now());
    const connection = await this.connect();
    if (!connection) return this.held.has(key); // store down: carry on with what we had
    if (!share && this.held.has(key) && !this.unconfirmed.has(key)) return true;
    try {
      const fair = share ? await this.fairPart(connection, share) : Infinity;
      const mine = share ? this.heldIn(share.share) : 0;
      if (this.held.has(key) && !this.unconfirmed.has(key)) {
        if (mine <= fair) return true;
        await this.release(connection, key, 'giving this job up to balance its share over more processes');
        return false;
      }
      // Leave it to a process holding fewer; ceil() makes the parts add up to every job.
      if (mine >= fair && !this.held.has(key)) return false;
      const ok = await connection.tryLock(key);
      this.unconfirmed.delete(key);
      if (ok) {
        if (share) this.shareOf.set(key, share.share);
        if (!this.held.has(key) && share) this.log.info({ job: key }, 'lease taken');
        this.held.add(key);
      } else if (this.held.delete(key)) {
        this.shareOf.delete(key);
        this.log.info({ job: key }, 'another collectors process took over this job');
      }
      return ok;
    } catch {
      // A lease query that failed or ran past its deadline leaves the session in doubt (a hung
      // query blocks every later one on it): drop it, and the next ask opens a new one.
      void this.connection?.close();
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
    this.shareOf.clear();
    this.joined.clear();
  }

  private heldIn(share: string): number {
    let n = 0;
    for (const [key, s] of this.shareOf) if (s === share && this.held.has(key)) n++;
    return n;
  }

  private async fairPart(connection: LeaseConnection, share: JobShare): Promise<number> {
    let seen = this.joined.get(share.share);
    if (!seen) {
      await connection.joinShare(share.share);
      seen = { members: 0, readAt: -Infinity };
      this.joined.set(share.share, seen);
    }
    if (Date.now() - seen.readAt > MEMBERS_TTL_MS) {
      seen.members = Math.max(1, await connection.shareMembers(share.share));
      seen.readAt = Date.now();
    }
    return Math.ceil(share.jobs / seen.members);
  }

  private async release(connection: LeaseConnection, key: string, why: string): Promise<void> {
    await connection.unlock(key);
    this.held.delete(key);
    this.shareOf.delete(key);
    this.log.info({ job: key }, why);
  }

  private async connect(): Promise<LeaseConnection | undefined> {
    if (this.connection?.alive) return this.connection;
    if (this.connection) {
      // The session (and with it every lock) is gone; other processes may take our jobs.
      for (const key of this.held) this.unconfirmed.add(key);
      this.connection = undefined;
      this.joined.clear(); // the share locks died with the session
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
