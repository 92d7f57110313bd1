import { createServer } from 'node:net';
import { eventually } from './events';
import { freePort, isPortFree } from './ports';

describe('test helpers', () => {
  it('finds a free loopback port, and sees it taken once something listens on it', async () => {
    const port = await freePort();
    expect(await isPortFree(port)).toBe(true);
    const server = createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      expect(await isPortFree(port)).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('eventually returns as soon as the value is accepted, or the last value when time runs out', async () => {
    let calls = 0;
    expect(
      await eventually(
        () => ++calls,
        (value) => value >= 3,
      ),
    ).toBe(3);
    expect(
      await eventually(
        () => 'never',
        (value) => value === 'done',
        120,
      ),
    ).toBe('never');
  });
});
