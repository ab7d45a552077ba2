'use client';
// The waterfall: one lane per store, bars placed on a shared time axis, queue time between hops
// labelled, errors red with an icon and the word "error". Clicking a bar opens its details.
import { useState } from 'react';
import type { Timeline, TimelineSpan } from '@/lib/orders/types';
import { clockTime, formatDuration } from '@/lib/orders/words';
import { SpanDetails } from './SpanDetails';

const MIN_WIDTH_PCT = 0.6;
const ERROR = 2;

export function Waterfall({ spans, timeline }: { spans: TimelineSpan[]; timeline: Timeline }) {
  const [selected, setSelected] = useState<TimelineSpan | null>(null);
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const total = Math.max(1, timeline.endUs - timeline.startUs);
  const pos = (startUs: number, endUs: number) => {
    const left = ((startUs - timeline.startUs) / total) * 100;
    return { left: `${Math.min(left, 100 - MIN_WIDTH_PCT)}%`, width: `${Math.max(MIN_WIDTH_PCT, ((endUs - startUs) / total) * 100)}%` };
  };
  return (
    <section aria-label="Waterfall">
      <h2>Timeline</h2>
      <p className="muted">
        {clockTime(timeline.startUs)} → {clockTime(timeline.endUs)} ({formatDuration(total)} end to end)
      </p>
      <div className="wf">
        {timeline.lanes.map((lane) => (
          <div key={lane.name} className="wf-lane" role="group" aria-label={`Lane ${lane.label}`} data-testid="lane" data-lane={lane.name}>
            <div className="wf-label">{lane.label}</div>
            <div className="wf-track">
              {lane.spanIds
                .map((id) => byId.get(id))
                .filter((s): s is TimelineSpan => s !== undefined)
                .map((s) => (
                  <button
                    key={`${s.traceId}-${s.spanId}`}
                    type="button"
                    className={`wf-bar${s.statusCode === ERROR ? ' wf-bar-error' : ''}${selected?.spanId === s.spanId ? ' wf-bar-selected' : ''}`}
                    style={pos(s.startUs, s.endUs)}
                    data-testid="span-bar"
                    data-status={s.statusCode === ERROR ? 'error' : 'ok'}
                    title={`${s.name} (${s.serviceName}), ${formatDuration(s.endUs - s.startUs)}${s.statusCode === ERROR ? ', error' : ''}`}
                    onClick={() => setSelected(s)}
                  >
                    {s.statusCode === ERROR && <span aria-hidden="true">✕ </span>}
                    {s.name}
                    {s.statusCode === ERROR && <span className="wf-word"> error</span>}
                  </button>
                ))}
            </div>
          </div>
        ))}
        {timeline.gaps.length > 0 && (
          <div className="wf-lane wf-gaps" role="group" aria-label="Queue time">
            <div className="wf-label">Queue time</div>
            <div className="wf-track">
              {timeline.gaps.map((g) => (
                <div key={`${g.startUs}-${g.endUs}`} className="wf-gap" style={pos(g.startUs, g.endUs)} title={g.label} />
              ))}
            </div>
          </div>
        )}
      </div>
      {timeline.gaps.length > 0 && (
        <ul className="wf-gap-list" aria-label="Waits between hops">
          {timeline.gaps.map((g) => (
            <li key={`${g.startUs}-${g.endUs}`} data-testid="gap-label">
              {g.label}{' '}
              <span className="muted">
                ({clockTime(g.startUs)} → {clockTime(g.endUs)})
              </span>
            </li>
          ))}
        </ul>
      )}
      {selected && <SpanDetails span={selected} onClose={() => setSelected(null)} />}
    </section>
  );
}
