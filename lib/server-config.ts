// The app's config, read once per server process (DESIGN: one zod-parsed config per process).
// Never send it to the browser as is: use redactConfig for anything client-side.
import { loadConfig, type TruthflowConfig } from './config';

let cached: TruthflowConfig | undefined;

export function serverConfig(): TruthflowConfig {
  cached ??= loadConfig();
  return cached;
}
