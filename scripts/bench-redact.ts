// npm run bench:redact — how long redacting one 256 KiB dead letter takes, per configured PII
// field, for payloads built to hurt (64 KiB of `_` made the old backtracking pattern take seconds
// per field), against a baseline measured in the same run on the same bytes: JSON.parse +
// JSON.stringify for JSON payloads, one JavaScript loop reading every character for text. The goal is under 50 ms per field. A benchmark, not a test: it prints figures.
import { MAX_PARSE_BYTES, piiMatcher, redactPayload, scrubText } from '@/lib/dlq/redact';

const SIZE = MAX_PARSE_BYTES; // 256 KiB: the largest payload parsed as JSON
const FIELDS = ['email', 'address', 'card.number', 'phone', 'customer.name'];
const RUNS = 7;

const pad = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

/** Payloads near SIZE bytes each: the hostile ones and an ordinary one. */
function payloads(): { name: string; bytes: Buffer; json: boolean }[] {
  const records: unknown[] = [];
  let jsonRecords = '';
  for (let i = 0; jsonRecords.length < SIZE - 4000; i++) {
    records.push({
      id: i,
      email: `user${i}@example.com`,
      note: `call back ${i}, card 4111 1111 1111 1111`,
      payload: JSON.stringify({ address: `${i} Main St`, email: `nested${i}@example.com` }),
    });
    if (i % 50 === 0) jsonRecords = JSON.stringify({ records });
  }
  while ((jsonRecords = JSON.stringify({ records })).length > SIZE) records.pop();
  return [
    { name: 'text: 256 KiB of "_"', bytes: Buffer.from(pad('_')), json: false },
    { name: 'text: "email" repeated, no separator', bytes: Buffer.from(pad('email')), json: false },
    { name: 'text: key=value pairs', bytes: Buffer.from(pad('email=ann@example.com; address: 1 Main St, ')), json: false },
    { name: 'text: digits and "@" runs', bytes: Buffer.from(pad('4111111111111111 @a@b.c ')), json: false },
    { name: 'json: records, JSON-in-string', bytes: Buffer.from(jsonRecords), json: true },
    {
      name: 'json: one 256 KiB "_" string',
      bytes: Buffer.from(JSON.stringify({ email: 'a@b.co', blob: pad('_').slice(0, SIZE - 40) })),
      json: true,
    },
  ];
}

/** The cheapest honest pass over text in JavaScript: read every character once. */
function onePass(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(work: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const matcher = piiMatcher(FIELDS);
console.log(`redaction of one payload, ${FIELDS.length} PII fields, median of ${RUNS} runs (goal: under 50 ms per field)\n`);
console.log(['payload'.padEnd(36), 'bytes'.padStart(8), 'baseline ms', 'redact ms', 'per field ms', 'ratio'].join('  '));
for (const p of payloads()) {
  const text = p.bytes.toString('utf8');
  const baseline = p.json ? time(() => JSON.stringify(JSON.parse(text))) : time(() => onePass(text));
  // Text payloads are shown truncated, but the scrub runs over all of them first: time the whole scrub too.
  const redact = time(() => (redactPayload(p.bytes, matcher), p.json ? undefined : scrubText(text, matcher)));
  const perField = redact / FIELDS.length;
  console.log(
    [
      p.name.padEnd(36),
      String(p.bytes.length).padStart(8),
      baseline.toFixed(2).padStart(11),
      redact.toFixed(2).padStart(9),
      perField.toFixed(2).padStart(12),
      `${(redact / Math.max(baseline, 0.01)).toFixed(1)}×`.padStart(5),
    ].join('  '),
  );
  if (perField > 50) process.exitCode = 1;
}
if (process.exitCode) console.log('\nover the goal of 50 ms per field');

// For the record: the pattern this replaced, on a sixteenth of the size (its cost grows with the square).
const OLD_PATTERN = /((?<![A-Za-z0-9])[\w.-]*email[\w.-]*["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}\]]+)/gi;
const sixteenth = '_'.repeat(SIZE / 16);
const oldMs = time(() => sixteenth.replace(OLD_PATTERN, '$1[redacted]'));
const newMs = time(() => scrubText(sixteenth, piiMatcher(['email'])));
console.log(`\nold backtracking pattern, ${sixteenth.length} bytes of "_", one field: ${oldMs.toFixed(1)} ms; now ${newMs.toFixed(2)} ms`);
