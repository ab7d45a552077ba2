// How the collector watching a stage is doing, in words, plus its notes (findings that are not
// failures, such as a missing partial index). Shared by the stage pages: /outbox, /dlq, /indexing, /lag.
import { StatusWord } from '@/components/status/StatusWord';
import type { StageScrape } from '@/lib/views/shared/schema';

export function ScrapeLine({ scrape, notes = [] }: { scrape: StageScrape | null; notes?: string[] }) {
  if (!scrape)
    return (
      <p className="small muted" data-testid="scrape">
        no collector watches this (not in the config)
      </p>
    );
  return (
    <div className="small" data-testid="scrape" data-collector={scrape.collector} data-source={scrape.source}>
      <p className="scrape-line">
        {scrape.collector} collector <StatusWord status={scrape.state} /> <span className="muted">{scrape.words}</span>
      </p>
      {notes.length > 0 && (
        <ul className="notes" aria-label="Collector notes" data-testid="scrape-notes">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
