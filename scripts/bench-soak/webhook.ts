// The on-call end of the alerts: a real HTTP server on a fixed local port that records what the
// alert-delivery job sends, and can be taken down (connections refused) and brought back on the
// same port for the webhook outage.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

const plainEvent = z.object({
  state: z.enum(['firing', 'resolved']),
  feature: z.string(),
  slo: z.string(),
  rule: z.string(),
  firedAt: z.string(),
});
const amEvent = z.array(z.object({ labels: z.record(z.string(), z.string()), startsAt: z.string(), endsAt: z.string() }));

export interface ReceivedEvent {
  webhook: 'json' | 'alertmanager';
  /** feature/slo/rule@firedAt: the same alert in both formats and in the store. */
  alertKey: string;
  /** Alertmanager bodies do not name the transition; the JSON ones do. */
  state?: 'firing' | 'resolved';
}

export const alertKeyOf = (a: { feature: string; slo: string; rule: string; firedAt: string | Date }) =>
  `${a.feature}/${a.slo}/${a.rule}@${new Date(a.firedAt).toISOString()}`;

export interface SoakWebhook {
  port: number;
  received: ReceivedEvent[];
  /** Requests answered while up; refused ones never reach the server. */
  requests: number;
  readonly isUp: boolean;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startSoakWebhook(): Promise<SoakWebhook> {
  const received: ReceivedEvent[] = [];
  const state = { requests: 0 };
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      state.requests += 1;
      const json: unknown = JSON.parse(body);
      if (req.url === '/hook') {
        const e = plainEvent.parse(json);
        received.push({ webhook: 'json', alertKey: alertKeyOf(e), state: e.state });
      } else {
        for (const a of amEvent.parse(json)) {
          const { feature = '', slo = '', rule = '' } = a.labels;
          received.push({ webhook: 'alertmanager', alertKey: alertKeyOf({ feature, slo, rule, firedAt: a.startsAt }) });
        }
      }
      res.writeHead(200).end();
    });
  };
  let server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    port,
    received,
    get requests() {
      return state.requests;
    },
    get isUp() {
      return server.listening;
    },
    down: closeServer,
    up: async () => {
      server = http.createServer(handle);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    close: () => (server.listening ? closeServer() : Promise.resolve()),
  };
}
