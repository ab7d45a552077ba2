// A consumer verdict as a word with an icon beside its colour, so it reads without colour vision.
// Group verdicts are OK/WARN/ERR/unknown; partitions add STOP, STALL and REWIND (Burrow's words).
const LOOK: Record<string, { icon: string; css: string; title: string }> = {
  OK: { icon: '✓', css: 'status-ok', title: 'consuming and keeping up' },
  WARN: { icon: '!', css: 'status-at_risk', title: 'lag is growing' },
  ERR: { icon: '✕', css: 'status-failing', title: 'a partition stopped, stalled or rewound' },
  STOP: { icon: '■', css: 'status-failing', title: 'no commits for a while although there is lag' },
  STALL: { icon: '‖', css: 'status-failing', title: 'committing the same offset while lag grows' },
  REWIND: { icon: '↺', css: 'status-failing', title: 'the committed offset went backwards' },
  unknown: { icon: '?', css: 'status-unknown', title: 'not enough observations, or no commit' },
};

export function VerdictWord({ verdict, stale = false, testId }: { verdict: string; stale?: boolean; testId?: string }) {
  // A verdict from a stale snapshot is not today's verdict.
  const shown = stale ? 'unknown' : verdict;
  const look = LOOK[shown] ?? LOOK.unknown!;
  return (
    <span
      className={`status ${look.css}`}
      data-verdict={shown}
      data-testid={testId}
      title={stale ? `last seen ${verdict}; snapshot too old` : look.title}
    >
      <span aria-hidden="true">{look.icon}</span> {shown}
    </span>
  );
}
