// Runs once when a dashboard server process starts (Next.js instrumentation hook), before it
// answers requests. Node runtime only: the fix patches Node's http server (lib/http/h2c.ts).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { ignoreH2cUpgrades } = await import('./lib/http/h2c');
  ignoreH2cUpgrades();
}
