/**
 * The only way panels talk to each other (DESIGN: remotes never import each other). Typed messages, one
 * bus per page: the instance lives on `globalThis`, so even two copies of this module (a panel embedded
 * without the shell's shared scope) publish and subscribe on the same bus.
 */

export interface PanelMessages {
  /** A row was clicked (or a deep link chose a contact): centre and right panels load it (F3, F5). */
  'contact-selected': { contactId: string };
  /** A contact changed (Contact Info saved, tags, DND…): every panel refreshes what it shows (F26). */
  'contact-updated': { contactId: string };
  /** Show the details panel (header name link / details button on small screens, F12, F13). */
  'open-details': { contactId: string };
  /** Close a panel on small screens and go back to the list (F13, F34). */
  'close-panel': { panel: PanelName };
}

export type PanelName = 'inbox' | 'conversation' | 'contact-details';
export type PanelMessageType = keyof PanelMessages;
type Listener<T extends PanelMessageType> = (payload: PanelMessages[T]) => void;

export interface PanelBus {
  publish<T extends PanelMessageType>(type: T, payload: PanelMessages[T]): void;
  /** Returns the unsubscribe function. */
  subscribe<T extends PanelMessageType>(type: T, listener: Listener<T>): () => void;
  /** The last payload published for a type, so a panel that mounts late still sees the current contact. */
  last<T extends PanelMessageType>(type: T): PanelMessages[T] | undefined;
}

export function createPanelBus(): PanelBus {
  const listeners = new Map<PanelMessageType, Set<Listener<PanelMessageType>>>();
  const lastPayloads = new Map<PanelMessageType, unknown>();
  return {
    publish(type, payload) {
      lastPayloads.set(type, payload);
      for (const listener of [...(listeners.get(type) ?? [])]) {
        try {
          (listener as Listener<typeof type>)(payload);
        } catch (error) {
          // One broken panel must not stop the message reaching the others.
          console.error(`panel-bus: a "${type}" listener failed`, error);
        }
      }
    },
    subscribe(type, listener) {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      set.add(listener as Listener<PanelMessageType>);
      return () => set.delete(listener as Listener<PanelMessageType>);
    },
    last(type) {
      return lastPayloads.get(type) as PanelMessages[typeof type] | undefined;
    },
  };
}

const GLOBAL_KEY = Symbol.for('conversations.panel-bus');

/** The page's bus. */
export function panelBus(): PanelBus {
  const holder = globalThis as unknown as Record<symbol, PanelBus | undefined>;
  holder[GLOBAL_KEY] ??= createPanelBus();
  return holder[GLOBAL_KEY];
}

/**
 * What every panel takes, from the shell or from an embedding page (F35). The shell passes its query
 * client so all panels share one cache; an embedding page passes only the first three.
 */
export interface PanelProps {
  /** Origin of the API gateway, e.g. https://api.example.com */
  apiBaseUrl: string;
  /** A fixed access token; or `getToken`, which the panel asks before each request and again after a 401. */
  token?: string;
  getToken?: (options: { forceRefresh: boolean }) => Promise<string>;
  /** The account the panel acts in (sent as X-Tenant-Id): needed when the token lists several. */
  tenantId?: string;
  /** The signed-in user's id, where the host knows it: keeps their drafts apart from another user's on one browser. */
  userId?: string;
  /** The contact the panel shows (centre and right panels); the inbox highlights it and pins it first (F5). */
  contactId?: string | null;
  /** `narrow`: one panel at a time, so panels show back/close buttons (F34). */
  layout?: 'wide' | 'narrow';
  /** A `QueryClient` of @tanstack/react-query (typed loosely so this lib stays framework-free). */
  queryClient?: unknown;
}

/** What `mount(element, options)` returns to an embedding page. */
export interface MountedPanel {
  update(changes: Partial<PanelProps>): void;
  unmount(): void;
}
