import type { Infrastructure } from './devstack';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __INFRASTRUCTURE__?: Infrastructure }).__INFRASTRUCTURE__?.stop();
}
