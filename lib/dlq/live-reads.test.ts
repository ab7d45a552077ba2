import { describe, expect, it } from 'vitest';
import { createLiveReadSlots } from './live-reads';

const deferred = () => {
  let release!: () => void;
  return { gate: new Promise<void>((r) => (release = r)), release: () => release() };
};

describe('live read slots', () => {
  it('runs at most N reads, queues a few, refuses the rest at once', async () => {
    const slots = createLiveReadSlots(2, 1);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const read = (i: number) => () => {
      started.push(i);
      return gates[i]!.gate.then(() => i);
    };
    const runs = [slots.run(read(0)), slots.run(read(1)), slots.run(read(2))];
    await expect(slots.run(read(0))).rejects.toThrow(/2 live reads running and 1 waiting/);
    expect(started).toEqual([0, 1]);
    expect(slots.state()).toEqual({ active: 2, waiting: 1 });
    gates[0]!.release();
    expect(await runs[0]).toBe(0);
    await new Promise((r) => setTimeout(r, 1));
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.release();
    gates[2]!.release();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(slots.state()).toEqual({ active: 0, waiting: 0 });
  });

  it('drops a waiting read whose client went away, without running it', async () => {
    const slots = createLiveReadSlots(1, 4);
    const hold = deferred();
    const first = slots.run(() => hold.gate);
    const client = new AbortController();
    let ran = false;
    const waiting = slots.run(async () => {
      ran = true;
    }, client.signal);
    client.abort();
    await expect(waiting).rejects.toThrow(/client went away/);
    expect(slots.state()).toEqual({ active: 1, waiting: 0 });
    hold.release();
    await first;
    expect(ran).toBe(false);
    expect(slots.state()).toEqual({ active: 0, waiting: 0 });
    await expect(slots.run(async () => 1, AbortSignal.abort())).rejects.toThrow(/client went away/);
  });
});
