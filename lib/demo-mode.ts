// Demo mode: `npm start` runs the demo shop and sets TRUTHFLOW_DEMO=1 and SHOP_DATABASE_URL.
// Only then does the dashboard show the /demo fault panel.
export function demoMode(): { shopDatabaseUrl: string } | null {
  const url = process.env.SHOP_DATABASE_URL;
  return process.env.TRUTHFLOW_DEMO === '1' && url ? { shopDatabaseUrl: url } : null;
}
