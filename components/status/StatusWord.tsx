// A status is always a word and an icon beside its colour, so it reads without colour vision.
const ICON: Record<string, string> = {
  ok: '✓',
  failing: '✕',
  breached: '✕',
  firing: '✕',
  resolved: '✓',
  at_risk: '!',
  elevated: '!',
  unknown: '?',
};
const WORD: Record<string, string> = {
  ok: 'ok',
  failing: 'failing',
  breached: 'breached',
  firing: 'firing',
  resolved: 'resolved',
  at_risk: 'at risk',
  elevated: 'one window high',
  unknown: 'unknown',
};

export function StatusWord({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={`status status-${status}`} data-status={status} data-testid={testId}>
      <span aria-hidden="true">{ICON[status] ?? '?'}</span> {WORD[status] ?? status}
    </span>
  );
}
