// When each hop's signal began and ended over the page's range: a row per hop of the feature's
// pipelines, a bar per episode, so "the relay stopped at 14:02, lag followed at 14:03" reads at a
// glance. A bar without an end runs to now; its words are on hover (title) and for screen readers.
import type { Episode, Timeline } from '@/lib/views/feature/schema';
import { formatClock } from '@/lib/views/shared/format';

const SIGNAL_WORDS: Record<Episode['signal'], string> = {
  stalled: 'stalled',
  backlog_growing: 'backlog growing',
  rejections: 'rejections',
  unreachable: 'unreachable',
  no_data: 'no data',
  threshold: 'over threshold',
  wal_at_risk: 'WAL at risk',
  budget_spent: 'budget spent',
};

/** Bars narrower than this are widened so a one-run blip stays visible and hoverable. */
const MIN_BAR_PERCENT = 0.6;

const key = (kind: string, name: string) => `${kind}:${name}`;

/** Axis labels: the clock for a day or less, the day and the clock beyond. */
function tick(ms: number, span: number): string {
  if (span <= 86_400_000) return formatClock(ms);
  return new Date(ms).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false });
}

function Bar({ episode, from, span }: { episode: Episode; from: number; span: number }) {
  const start = Math.max(from, Date.parse(episode.startedAt));
  const end = Math.min(from + span, episode.endedAt ? Date.parse(episode.endedAt) : from + span);
  const left = ((start - from) / span) * 100;
  const width = Math.max(MIN_BAR_PERCENT, ((end - start) / span) * 100);
  const when = `${formatClock(episode.startedAt)} – ${episode.endedAt ? formatClock(episode.endedAt) : 'now'}`;
  return (
    <span
      className={`tl-bar tl-${episode.signal}${episode.endedAt ? '' : ' tl-ongoing'}`}
      style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }}
      title={`${SIGNAL_WORDS[episode.signal]} ${when}: ${episode.words}`}
      data-testid="timeline-episode"
      data-signal={episode.signal}
      data-ongoing={episode.endedAt ? 'false' : 'true'}
      suppressHydrationWarning
    >
      <span className="tl-word">{SIGNAL_WORDS[episode.signal]}</span>
      <span className="visually-hidden" suppressHydrationWarning>
        {' '}
        {when}: {episode.words}
      </span>
    </span>
  );
}

export function IncidentTimeline({ timeline, rangeWords }: { timeline: Timeline; rangeWords: string }) {
  const from = Date.parse(timeline.from);
  const span = Math.max(1, Date.parse(timeline.to) - from);
  // Episodes on hops outside the pipelines (the evaluator itself) still get a row.
  const hops = [...timeline.hops];
  for (const e of timeline.episodes) {
    if (!hops.some((h) => key(h.kind, h.name) === key(e.hopKind, e.hopName))) hops.push({ kind: e.hopKind, name: e.hopName });
  }
  return (
    <section aria-label="Incident timeline" data-testid="incident-timeline">
      <h2>Incident timeline — {rangeWords}</h2>
      {timeline.episodes.length === 0 && (
        <p className="muted small" data-testid="timeline-empty">
          No signal on any hop over the {rangeWords}.
        </p>
      )}
      <div className="tl">
        {hops.map((hop) => (
          <div key={key(hop.kind, hop.name)} className="tl-row" data-testid="timeline-hop" data-kind={hop.kind} data-name={hop.name}>
            <span className="tl-label small">
              <span className="muted">{hop.kind}</span> {hop.name}
            </span>
            <span className="tl-track">
              {timeline.episodes
                .filter((e) => e.hopKind === hop.kind && e.hopName === hop.name)
                .map((e) => (
                  <Bar key={`${e.signal}:${e.startedAt}`} episode={e} from={from} span={span} />
                ))}
            </span>
          </div>
        ))}
        <div className="tl-row tl-axis small muted" aria-hidden="true">
          <span className="tl-label" />
          <span className="tl-track" suppressHydrationWarning>
            <span>{tick(from, span)}</span>
            <span>{tick(from + span / 2, span)}</span>
            <span>{tick(from + span, span)}</span>
          </span>
        </div>
      </div>
    </section>
  );
}
