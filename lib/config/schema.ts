import { z } from 'zod';
import { HTTP, int, name, obj, text, url } from './fields';
import { featureSchema } from './schema-features';
import { consumerSchema, dlqSchema, indexSchema, outboxSchema, pipelineSchema } from './schema-flows';
import { sourcesSchema } from './schema-sources';

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
}).prefault({});

const userSchema = obj({
  name: name(),
  passwordHash: text(),
  role: z.enum(ROLES).default('viewer'),
});

const authSchema = obj({
  users: z.array(userSchema).default([]),
  /** Bearer token for API access (scripts, wall screens). */
  token: z.string().min(16, { error: 'expected a token of at least 16 characters' }).optional(),
  /** Signs session cookies; required with users. */
  sessionSecret: z.string().min(32, { error: 'expected a session secret of at least 32 characters' }).optional(),
}).superRefine((a, ctx) => {
  if (a.users.length === 0 && a.token === undefined) {
    ctx.addIssue({ code: 'custom', path: ['users'], input: a, message: 'expected users or a token (or no auth section), found neither' });
  }
  if (a.users.length > 0 && a.sessionSecret === undefined) {
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
  features: z.array(featureSchema).default([]),
  pipelines: z.array(pipelineSchema).default([]),
  collectors: collectorsSchema,
  traces: tracesSchema,
  alerts: alertsSchema,
  auth: authSchema.optional(),
});

/** The parsed configuration, defaults applied. Read once at process start and passed in. */
export type TruthflowConfig = z.output<typeof configSchema>;
export type CollectorsConfig = TruthflowConfig['collectors'];
export type TracesConfig = TruthflowConfig['traces'];
export type WebhookConfig = TruthflowConfig['alerts']['webhooks'][number];
export type AuthConfig = NonNullable<TruthflowConfig['auth']>;
export type UserConfig = AuthConfig['users'][number];
