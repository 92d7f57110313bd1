import type { DomainEvent } from '@conversations/contracts';

/**
 * A stand-in for the browser's EventSource in component tests (jsdom has none): install it, render the
 * panels, then `emit` domain events as the gateway's SSE stream would send them, through the real
 * api-client subscription.
 */
export function fakeEventSource() {
  const sources: FakeSource[] = [];
  class FakeSource {
    readonly listeners = new Map<string, Set<(message: MessageEvent<string>) => void>>();
    onmessage: ((message: MessageEvent<string>) => void) | null = null;
    closed = false;
    constructor(readonly url: string) {
      sources.push(this);
    }
    addEventListener(type: string, listener: (message: MessageEvent<string>) => void) {
      const set = this.listeners.get(type) ?? new Set();
      set.add(listener);
      this.listeners.set(type, set);
    }
    removeEventListener(type: string, listener: (message: MessageEvent<string>) => void) {
      this.listeners.get(type)?.delete(listener);
    }
    close() {
      this.closed = true;
    }
  }
  return {
    EventSource: FakeSource as unknown as typeof EventSource,
    /** Delivers one event, named by its type as the gateway names SSE events, to every open stream. */
    emit<T>(type: string, data: T, tenantId = 'acme') {
      const event: DomainEvent<T> = {
        id: `evt-${Math.random().toString(36).slice(2)}`,
        type,
        tenantId,
        occurredAt: new Date().toISOString(),
        actor: { system: 'test' },
        data,
      };
      const message = { data: JSON.stringify(event) } as MessageEvent<string>;
      for (const source of sources) {
        if (source.closed) continue;
        const listeners = source.listeners.get(type);
        if (listeners?.size) for (const listener of listeners) listener(message);
        else source.onmessage?.(message);
      }
    },
    get openCount() {
      return sources.filter((source) => !source.closed).length;
    },
  };
}
