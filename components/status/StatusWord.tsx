// A status is always a word and an icon beside its colour, so it reads without colour vision.
const ICON: Record<string, string> = { ok: '✓', failing: '✕', breached: '✕', at_risk: '!', unknown: '?' };
const WORD: Record<string, string> = {
  ok: 'ok',
  failing: 'failing',
  breached: 'breached',
  at_risk: 'at risk',
  unknown: 'unknown',
};

export function StatusWord({ status }: { status: string }) {
  return (
    <span className={`status status-${status}`} data-status={status}>
      <span aria-hidden="true">{ICON[status] ?? '?'}</span> {WORD[status] ?? status}
    </span>
  );
}
