/** What the benchmark and scale scripts share: a signed-in token and latency figures at fixed concurrency. */

export interface Figures {
  p50: number;
  p99: number;
  rps: number;
  /** Requests that did not answer 2xx (e.g. 504 when the service took longer than RPC_TIMEOUT_MS). */
  failed?: number;
}

/** A token from the gateway's local sign-in (NODE_ENV=development). */
export async function devToken(api: string, tenantId: string, userId: string): Promise<string> {
  const response = await fetch(`${api}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId, userId }),
  });
  if (!response.ok) throw new Error(`dev token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** `requests` calls of `run`, `concurrency` at a time, after a one-call warm-up; latencies in ms. */
export async function atConcurrency(run: () => Promise<unknown>, requests: number, concurrency: number): Promise<Figures> {
  await run();
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < requests) {
        const at = performance.now();
        await run();
        latencies.push(performance.now() - at);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { p50: percentile(50), p99: percentile(99), rps: latencies.length / elapsed };
}
