// A plain HTML form: works without JavaScript, and the password never passes through client code.
export function LoginForm({ next, failed }: { next: string; failed: boolean }) {
  return (
    <main style={{ maxWidth: 360 }}>
      <h1>Log in to Truthflow</h1>
      {failed && (
        <p role="alert" className="status status-failing">
          Wrong user or password.
        </p>
      )}
      <form method="post" action="/api/auth/login" className="panel" style={{ display: 'grid', gap: 10 }}>
        <input type="hidden" name="next" value={next} />
        <label>
          User <input name="user" autoComplete="username" required style={{ width: '100%' }} />
        </label>
        <label>
          Password <input name="password" type="password" autoComplete="current-password" required style={{ width: '100%' }} />
        </label>
        <button type="submit">Log in</button>
      </form>
    </main>
  );
}
