// Writing the snapshots a run returned, each through its query module. A snapshot that cannot be
// written does not fail the run: the samples of the same run are still good and wait in the
// sink's buffer, and the page showing the snapshot shows its age. The failure becomes a scrape
// note instead, so the status panel says why the page is behind.
import type { Logger } from '@/lib/log';
import { replaceConsumerSnapshot } from '@/lib/store/queries/consumer-snapshots';
import type { Snapshot } from '../types';

type SnapshotWriters = {
  [K in Snapshot['kind']]: {
    /** How the scrape note names it. */
    what: string;
    /** Which cluster, source or feature it describes, for the log. */
    scope(snapshot: Extract<Snapshot, { kind: K }>): string;
    write(snapshot: Extract<Snapshot, { kind: K }>): Promise<void>;
  };
};

// One entry per Snapshot kind; a kind without a writer does not compile.
const WRITERS: SnapshotWriters = {
  'consumer-groups': {
    what: 'consumer snapshot',
    scope: (s) => (s.shard ? `${s.cluster}:${s.shard.index}/${s.shard.count}` : s.cluster),
    // A lag shard replaces only its own rows; without a shard the snapshot is the whole cluster.
    write: (s) =>
      s.shard
        ? replaceConsumerSnapshot(s.cluster, s.groups, s.partitions, s.at, s.shard)
        : replaceConsumerSnapshot(s.cluster, s.groups, s.partitions, s.at),
  },
};

/** Writes every snapshot, one after the other; returns a note per snapshot that was not written. Never throws. */
export async function writeSnapshots(snapshots: readonly Snapshot[], log: Logger): Promise<string[]> {
  const notes: string[] = [];
  for (const snapshot of snapshots) {
    const writer = WRITERS[snapshot.kind];
    try {
      await writer.write(snapshot);
    } catch (error) {
      log.warn({ err: error, snapshot: snapshot.kind, scope: writer.scope(snapshot) }, `${writer.what} not written`);
      notes.push(`${writer.what} not written (store unreachable?): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return notes;
}
