// The configuration module: one truthflow.yaml (or $TRUTHFLOW_CONFIG), parsed with yaml + zod,
// ${ENV} substituted, cross-references checked, every problem reported at once.
export { ConfigError, CONFIG_ENV, DEFAULT_CONFIG_FILE, configPath, loadConfig, loadConfigOrExit, parseConfig } from './load';
export type { Env } from './env';
export { retentionSeconds, type RetentionConfig } from './schema-retention';
export { REDACTED, redactConfig, redactUrl, type RedactedConfig } from './secrets';
export {
  DEFAULT_BUSINESS_KEYS,
  type AuthConfig,
  type CollectorsConfig,
  type TracesConfig,
  type TruthflowConfig,
  type UserConfig,
  type WebhookConfig,
} from './schema';
export {
  SLIS,
  SLI_UNITS,
  TIERS,
  breaches,
  durationSeconds,
  type FeatureConfig,
  type SliName,
  type SloConfig,
  type Tier,
} from './schema-features';
export {
  STAGE_KINDS,
  type ConsumerConfig,
  type DlqConfig,
  type IndexConfig,
  type OutboxConfig,
  type PipelineConfig,
  type StageConfig,
  type StageKind,
} from './schema-flows';
export {
  SEARCH_KINDS,
  SOURCE_KINDS,
  type KafkaSource,
  type PostgresSource,
  type SearchSource,
  type SourceConfig,
  type SourceKind,
} from './schema-sources';
