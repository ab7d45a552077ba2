'use client';
// The group page failed for a reason other than the store being down (that one renders "store
// unreachable; retrying" and recovers by itself, see lib/http/first-paint.ts): a bug of ours. Say
// so: an empty table here would read as "no lag".
export default function GroupError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main>
      <h1>Consumer group</h1>
      <p role="alert" className="status status-failing">
        This group could not be shown: Truthflow hit an internal error (logged on the server). Its lag is unknown, not zero.
      </p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
