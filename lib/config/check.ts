// `npx tsx lib/config/check.ts [file]`: validate a config file without starting anything.
import { ConfigError, configPath, loadConfig } from './load';

const file = process.argv[2] ?? configPath();
try {
  const cfg = loadConfig(file);
  const sources = Object.keys(cfg.sources).length;
  const features = cfg.features.length;
  process.stdout.write(`config OK: ${sources} source${sources === 1 ? '' : 's'}, ${features} feature${features === 1 ? '' : 's'}\n`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
