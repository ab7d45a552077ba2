import { z } from 'zod';
import { HTTP, int, name, obj, text, url } from './fields';
import { featureSchema } from './schema-features';
import {
  cacheSchema,
  cdcSchema,
  consumerSchema,
  dlqSchema,
  indexSchema,
  outboxSchema,
  pipelineSchema,
  watermarkSchema,
} from './schema-flows';
import { sourcesSchema } from './schema-sources';
import { reconciliationSchema } from './schema-reconcile';
import { retentionSchema } from './schema-retention';

/** What a user may do: viewers read, admins also peek at DLQ messages and flip demo switches. */
export const ROLES = ['viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

// The whole truthflow.yaml. Sections that Truthflow can run without default to empty, so a small
// file stays small; cross-references between sections are checked in refs.ts.

export const DEFAULT_BUSINESS_KEYS: readonly string[] = ['order_id', 'order.id', 'app.order_id', 'event_id', 'messaging.message.id'];

const collectorsSchema = obj({
  intervalSeconds: int(1, 3600).default(10),
  timeoutSeconds: int(1, 3600).default(8),
  /** Prometheus scrape port of the collector process's own metrics. */
  metricsPort: int(1, 65_535).default(9464),
  /** Where the collectors send their own traces (OTLP/HTTP), e.g. http://127.0.0.1:4318. */
  otlpEndpoint: url(HTTP).optional(),
})
  .superRefine((c, ctx) => {
    // A run that may last longer than the interval would overlap the next one.
    if (c.timeoutSeconds >= c.intervalSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeoutSeconds'],
        input: c.timeoutSeconds,
        message: `expected less than intervalSeconds (${c.intervalSeconds}), found ${c.timeoutSeconds}`,
      });
    }
  })
  .prefault({});

const tracesSchema = obj({
  /** Span attributes whose values index spans for lookup (an order id pasted into the UI). */
  businessKeys: z
    .array(z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, { error: 'expected an attribute name such as order_id' }))
    .min(1)
    .default(() => [...DEFAULT_BUSINESS_KEYS]),
  maxBodyBytes: int(1024, 64 * 1024 * 1024).default(4 * 1024 * 1024),
  /** Spans beyond this in one request are refused (partial_success says how many). */
  maxSpansPerRequest: int(1, 1_000_000).default(20_000),
  /** Business-key rows beyond this in one request are not indexed (the spans are kept). */
  maxKeyRowsPerRequest: int(1, 1_000_000).default(50_000),
  /** Longer attribute string values are cut to this many characters before they are stored. */
  maxAttributeValueLength: int(64, 1_048_576).default(8_192),
  /** Bearer token required on POST /v1/traces when set. */
  token: z.string().min(16, { error: 'expected a token of at least 16 characters' }).optional(),
}).prefault({});

const webhookSchema = obj({
  name: name(),
  url: url(HTTP),
  format: z.enum(['alertmanager', 'json']).default('json'),
});

const alertsSchema = obj({
  webhooks: z.array(webhookSchema).default([]),
  /**
   * Alertmanager-format webhooks get every firing alert again this often, with endsAt four
   * intervals ahead, so Alertmanager never resolves an alert that is still burning.
   */
  resendIntervalSeconds: int(1, 3600).default(60),
}).prefault({});

const userSchema = obj({
  name: name(),
  passwordHash: text(),
  role: z.enum(ROLES).default('viewer'),
});

const sessionSecretSchema = z.string().min(32, { error: 'expected a session secret of at least 32 characters' });

/** One signing key: the first of `sessionKeys` signs new cookies, every listed one still verifies (rotation overlap). */
const sessionKeySchema = obj({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, { error: 'expected a key id of letters, digits, "-" and "_"' }),
  secret: sessionSecretSchema,
});

const authSchema = obj({
  users: z.array(userSchema).default([]),
  /** Bearer token for API access (scripts, wall screens). */
  token: z.string().min(16, { error: 'expected a token of at least 16 characters' }).optional(),
  /** Signs session cookies; required with users (or sessionKeys). */
  sessionSecret: sessionSecretSchema.optional(),
  /** Signing keys with ids, newest first, for rotating the secret without logging everyone out. */
  sessionKeys: z.array(sessionKeySchema).min(1).optional(),
  /** What a caller without credentials may do. Only `viewer`: an anonymous admin is never an option. */
  anonymous: z.enum(['viewer']).optional(),
  /** A session unused for this long ends (the cookie is renewed while it is used). */
  idleMinutes: int(1, 7 * 24 * 60).default(60),
  /** A session ends this long after login, used or not. */
  sessionHours: int(1, 7 * 24).default(12),
}).superRefine((a, ctx) => {
  if (a.users.length === 0 && a.token === undefined && a.anonymous === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['users'],
      input: a,
      message: 'expected users, a token or anonymous: viewer (or no auth section), found none',
    });
  }
  if (a.users.length > 0 && a.sessionSecret === undefined && a.sessionKeys === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['sessionSecret'],
      input: a,
      message: "expected a sessionSecret to sign the users' sessions, found nothing",
    });
  }
});

export const configSchema = obj({
  sources: sourcesSchema,
  outboxes: z.array(outboxSchema).default([]),
  consumers: z.array(consumerSchema).default([]),
  dlqs: z.array(dlqSchema).default([]),
  indexes: z.array(indexSchema).default([]),
  cdc: z.array(cdcSchema).default([]),
  caches: z.array(cacheSchema).default([]),
  watermarks: z.array(watermarkSchema).default([]),
  features: z.array(featureSchema).default([]),
  pipelines: z.array(pipelineSchema).default([]),
  reconciliations: z.array(reconciliationSchema).default([]),
  collectors: collectorsSchema,
  traces: tracesSchema,
  alerts: alertsSchema,
  retention: retentionSchema,
  auth: authSchema.optional(),
  /** Host names the dashboard answers to (DNS-rebinding guard); default: the bound host and the loopback names. */
  allowedHosts: z
    .array(z.string().regex(/^[A-Za-z0-9.:[\]-]{1,253}$/, { error: 'expected a host name such as truthflow.example.com' }))
    .optional(),
});

/** The parsed configuration, defaults applied. Read once at process start and passed in. */
export type TruthflowConfig = z.output<typeof configSchema>;
export type CollectorsConfig = TruthflowConfig['collectors'];
export type TracesConfig = TruthflowConfig['traces'];
export type WebhookConfig = TruthflowConfig['alerts']['webhooks'][number];
export type AuthConfig = NonNullable<TruthflowConfig['auth']>;
export type UserConfig = AuthConfig['users'][number];
