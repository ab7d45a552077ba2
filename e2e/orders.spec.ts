import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { orderViewSchema } from '@/lib/orders/types';
import { exportRequest, jsonSpan, toProtobuf } from './fixtures/otlp-requests';
import { OrderPage } from './pages/OrderPage';

const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
const nanos = (ms: number) => `${ms}000000`;
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });

/** checkout commits (postgres), the relay publishes (kafka producer), the indexer consumes; nothing indexes. */
function journey(orderId: string) {
  const t0 = Date.now() - 20_000;
  const [a, b, c] = [hex(32), hex(32), hex(32)];
  const [commit, publish] = [hex(16), hex(16)];
  const span = (
    traceId: string,
    spanId: string,
    name: string,
    kind: number,
    from: number,
    to: number,
    attributes: unknown[],
    links: unknown[] = [],
  ) => ({
    traceId,
    spanId,
    name,
    kind,
    startTimeUnixNano: nanos(t0 + from),
    endTimeUnixNano: nanos(t0 + to),
    attributes,
    links,
    status: { code: 0 },
  });
  const resource = (service: string, spans: unknown[]) => ({
    resource: { attributes: [str('service.name', service)] },
    scopeSpans: [{ spans }],
  });
  return {
    resourceSpans: [
      resource('checkout', [
        span(a, commit, 'INSERT outbox', 3, 0, 1000, [
          str('db.system', 'postgresql'),
          str('db.collection.name', 'outbox'),
          str('order_id', orderId),
        ]),
      ]),
      resource('relay', [
        span(
          b,
          publish,
          'order-events publish',
          4,
          2500,
          3000,
          [str('messaging.system', 'kafka'), str('messaging.destination.name', 'order-events')],
          [{ traceId: a, spanId: commit }],
        ),
      ]),
      resource('indexer', [
        span(
          c,
          hex(16),
          'order-events process',
          5,
          6200,
          6500,
          [str('messaging.system', 'kafka'), str('messaging.destination.name', 'order-events'), str('order_id', orderId)],
          [{ traceId: b, spanId: publish }],
        ),
      ]),
    ],
  };
}

test('paste an order id: lanes by store, queue time between hops, and the missing search hop', async ({ page, request }) => {
  // Markup, a slash and a percent escape: the id must come back exactly as pasted, inert.
  const orderId = `E2E-${Date.now()} <b>x</b>/%41`;
  const posted = await request.post('/v1/traces', { data: journey(orderId), headers: { 'content-type': 'application/json' } });
  expect(posted.status()).toBe(200);
  expect(await posted.json()).toEqual({});

  // The JSON API answers for the same id, percent-encoded in the path.
  const api = await request.get(`/api/orders/${encodeURIComponent(orderId)}`);
  expect(api.status()).toBe(200);
  // The real answer parses with the response schema the route promises.
  expect(orderViewSchema.parse(await api.json())).toMatchObject({ orderId, found: true, matchedKeyNames: ['order_id'] });

  const order = new OrderPage(page);
  await order.lookUpFrom('/', orderId);
  await expect(order.heading).toHaveText(`Order ${orderId}`);

  expect(await order.laneNames()).toEqual(['postgres', 'kafka:order-events']);
  await expect(order.lane('kafka:order-events')).toContainText('Kafka topic order-events');
  await expect(order.gapLabels).toHaveCount(2);
  await expect(order.gapLabels.nth(0)).toContainText('1.5 s in the Postgres outbox');
  await expect(order.gapLabels.nth(1)).toContainText('3.2 s in Kafka topic order-events');

  await expect(order.missingHopMatching(/consumed by search-indexer \d\d:\d\d:\d\d, never indexed in orders/)).toBeVisible();
  // Each live check answers, found or not, or says why it could not.
  await expect(order.check('outbox')).toHaveCount(1);
  await expect(order.check('search')).toContainText(/found|could not check/);

  await order.spanBar('order-events process').click();
  await expect(order.spanDetails).toContainText('indexer');
  await expect(order.spanDetails).toContainText(orderId);
});

test('an unknown order gets a helpful 404 from the API and an explanation on the page', async ({ page, request }) => {
  const orderId = `NOPE-${Date.now()}`;
  const api = await request.get(`/api/orders/${encodeURIComponent(orderId)}`);
  expect(api.status()).toBe(404);
  expect((await api.json()).error.message).toContain(`No span carries "${orderId}"`);

  const order = new OrderPage(page);
  await order.lookUpFrom('/orders', orderId);
  await expect(order.unknownOrder).toContainText('No span carries');
});

test('the built receiver takes protobuf, gzipped too, and answers in protobuf', async ({ request }) => {
  const orderId = `E2E-PB-${Date.now()}`;
  const body = Buffer.from(toProtobuf(exportRequest({ relay: [jsonSpan({ kind: 4, attributes: { order_id: orderId } })] })));
  const plain = await request.post('/v1/traces', { data: body, headers: { 'content-type': 'application/x-protobuf' } });
  expect(plain.status()).toBe(200);
  expect(plain.headers()['content-type']).toBe('application/x-protobuf');
  expect((await plain.body()).length).toBe(0);
  const zipped = await request.post('/v1/traces', {
    data: gzipSync(body),
    headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' },
  });
  expect(zipped.status()).toBe(200);
  const bad = await request.post('/v1/traces', { data: Buffer.from([0x0a, 0xff]), headers: { 'content-type': 'application/x-protobuf' } });
  expect(bad.status()).toBe(400);
  expect((await request.get(`/api/orders/${orderId}`)).status()).toBe(200);
});
