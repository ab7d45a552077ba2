'use client';
// The group page could not be read (the store is unreachable or answered with an error). Say so:
// an empty table here would read as "no lag".
export default function GroupError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main>
      <h1>Consumer group</h1>
      <p role="alert" className="status status-failing">
        This group could not be read from Truthflow&apos;s store (is it reachable?). Its lag is unknown, not zero.
      </p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
