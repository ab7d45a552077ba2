// The launcher's pure parts: Java version parsing and the settings a node gets.
import { describe, expect, it } from 'vitest';
import { javaMajor } from './java';
import { jvmArgs, nodeSettings } from './node';

const layout = { dataDir: '/d', httpPort: 19200, transportPort: 19300, writeQueueSize: undefined };

describe('javaMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['java version "1.8.0_392"', 8],
    ['openjdk version "21" 2023-09-19', 21],
    ['no version here', undefined],
  ])('%s → %s', (out, major) => expect(javaMajor(out)).toBe(major));
});

describe('nodeSettings', () => {
  it('binds to loopback as a single node with netty on the given ports', () => {
    const settings = nodeSettings(layout, '/d/home');
    expect(settings).toEqual(
      expect.arrayContaining([
        'path.home=/d/home',
        'path.data=/d/data',
        'discovery.type=single-node',
        'network.host=127.0.0.1',
        'http.type=netty4',
        'transport.type=netty4',
        'http.port=19200',
        'transport.port=19300',
      ]),
    );
    expect(settings.some((s) => s.startsWith('thread_pool.write'))).toBe(false);
  });

  it('shrinks the write pool for overload tests', () => {
    const settings = nodeSettings({ ...layout, writeQueueSize: 2 }, '/d/home');
    expect(settings).toEqual(expect.arrayContaining(['thread_pool.write.size=1', 'thread_pool.write.queue_size=2']));
  });

  it('keeps the heap small', () => {
    expect(jvmArgs(layout, '/d/home')).toEqual(expect.arrayContaining(['-Xms512m', '-Xmx512m']));
  });
});
