// Process memory after a full garbage collection, so a day's figure is what the process holds on
// to, not how much garbage the last tick happened to leave. tsx gives no --expose-gc; V8 allows
// turning it on at run time, and a fresh context then sees the `gc` function.
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export function settledMemory(): { rss: number; heapUsed: number } {
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}
