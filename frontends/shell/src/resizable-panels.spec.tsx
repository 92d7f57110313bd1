/**
 * @jest-environment jsdom
 */
import { fakeFetch } from '@conversations/ui/testing';
import { fireEvent, render, screen } from '@testing-library/react';
import { App } from './App';
import { panelWidthsKey } from './panel-width-storage';
import type { RuntimeConfig } from './runtime-config';
import { saveSession } from './session';

// The panels themselves are remotes; here each is an empty stand-in, the layout around them is real.
jest.mock('./RemotePanel', () => ({ RemotePanel: () => null }));

const config: RuntimeConfig = {
  apiBaseUrl: 'http://api.test',
  remotes: { inbox: 'http://i.test', conversation: 'http://c.test', contact_details: 'http://d.test' },
  devSignIn: true,
};

let viewportWidth = 1440;

beforeAll(() => {
  // jsdom has no layout: the window's width, the breakpoint and pointer events are set by hand.
  Object.defineProperty(window, 'innerWidth', { configurable: true, get: () => viewportWidth });
  window.matchMedia = (query: string) =>
    ({
      matches: viewportWidth >= 1024,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }) as unknown as MediaQueryList;
  class PointerEventInJsdom extends MouseEvent {
    readonly pointerId: number;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 1;
    }
  }
  window.PointerEvent = PointerEventInJsdom as typeof PointerEvent;
  HTMLElement.prototype.setPointerCapture = () => undefined;
});

beforeEach(() => {
  // The shell asks for the first contacts as it signs in: answered here, never sent anywhere.
  globalThis.fetch = fakeFetch({ 'GET /contacts': { body: { items: [], nextCursor: null } } }).fetch;
  viewportWidth = 1440;
  localStorage.clear();
});

function signInAs(userId: string) {
  saveSession({
    kind: 'dev',
    token: `token-${userId}`,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    tenantId: 'acme',
    user: { id: userId, name: userId, email: `${userId}@acme.test`, phone: null, timeZone: 'UTC', role: 'agent' },
  });
}

const columns = () => {
  const style = (document.querySelector('.shell-panels') as HTMLElement).style;
  return [style.getPropertyValue('--shell-inbox-width'), style.getPropertyValue('--shell-details-width')];
};
const separator = (name: string) => screen.getByRole('separator', { name });

describe('F34, #14 §8: the wide layout’s columns can be sized, by pointer and keyboard, and are remembered per user', () => {
  it('each separator is a focusable window splitter whose value is its panel’s width', () => {
    signInAs('u-ana');
    render(<App config={config} />);
    expect(columns()).toEqual(['403px', '389px']);
    const inbox = separator('Resize inbox');
    expect(inbox.tabIndex).toBe(0);
    expect(inbox.getAttribute('aria-orientation')).toBe('vertical');
    expect(inbox.getAttribute('aria-controls')).toBe('shell-panel-inbox');
    expect([inbox.getAttribute('aria-valuenow'), inbox.getAttribute('aria-valuemin'), inbox.getAttribute('aria-valuemax')]).toEqual([
      '403',
      '260',
      '560',
    ]);
    expect(separator('Resize contact details').getAttribute('aria-controls')).toBe('shell-panel-contact-details');
  });

  it('arrow keys, Home and End move a separator; the widths come back after a reload, for that user only', () => {
    signInAs('u-ana');
    const first = render(<App config={config} />);
    fireEvent.keyDown(separator('Resize inbox'), { key: 'ArrowRight' });
    fireEvent.keyDown(separator('Resize inbox'), { key: 'ArrowRight', shiftKey: true });
    fireEvent.keyDown(separator('Resize contact details'), { key: 'Home' });
    expect(columns()).toEqual(['483px', '300px']);
    expect(separator('Resize inbox').getAttribute('aria-valuenow')).toBe('483');
    first.unmount();

    render(<App config={config} />); // a reload
    expect(columns()).toEqual(['483px', '300px']);
    expect(JSON.parse(localStorage.getItem(panelWidthsKey('acme', 'u-ana'))!)).toEqual({ inbox: 483, 'contact-details': 300 });
  });

  it('another user on the same browser starts from the defaults', () => {
    localStorage.setItem(panelWidthsKey('acme', 'u-ana'), JSON.stringify({ inbox: 520 }));
    signInAs('u-ben');
    render(<App config={config} />);
    expect(columns()).toEqual(['403px', '389px']);
    expect(screen.queryByRole('button', { name: 'Reset layout' })).toBeNull();
  });

  it('dragging moves a separator within the limits and stores where it ended; a plain click chooses nothing', () => {
    signInAs('u-ana');
    render(<App config={config} />);
    const details = separator('Resize contact details');
    fireEvent.pointerDown(details, { clientX: 1000, pointerId: 7 });
    fireEvent.pointerUp(details, { clientX: 1000, pointerId: 7 });
    expect(localStorage.getItem(panelWidthsKey('acme', 'u-ana'))).toBeNull();

    fireEvent.pointerDown(details, { clientX: 1000, pointerId: 7 });
    fireEvent.pointerMove(details, { clientX: 950, pointerId: 7 }); // 50 px to the left: the details widen
    expect(columns()).toEqual(['403px', '439px']);
    expect(localStorage.getItem(panelWidthsKey('acme', 'u-ana'))).toBeNull(); // not while dragging
    fireEvent.pointerMove(details, { clientX: 200, pointerId: 7 }); // far past the limit
    fireEvent.pointerUp(details, { clientX: 200, pointerId: 7 });
    expect(columns()).toEqual(['403px', '640px']); // the details' maximum
    expect(JSON.parse(localStorage.getItem(panelWidthsKey('acme', 'u-ana'))!)).toEqual({ 'contact-details': 640 });

    // Towards the list, the conversation keeps its minimum: 1440 − 2 (separators) − 360 − 640 leaves 438.
    const inbox = separator('Resize inbox');
    fireEvent.pointerDown(inbox, { clientX: 403 });
    fireEvent.pointerUp(inbox, { clientX: 1200 });
    expect(columns()).toEqual(['438px', '640px']);
  });

  it('a double-click restores one separator’s default; "Reset layout" restores all and forgets the choice', () => {
    localStorage.setItem(panelWidthsKey('acme', 'u-ana'), JSON.stringify({ inbox: 520, 'contact-details': 450 }));
    signInAs('u-ana');
    render(<App config={config} />);
    expect(columns()).toEqual(['520px', '450px']);
    fireEvent.doubleClick(separator('Resize inbox'));
    expect(columns()).toEqual(['403px', '450px']);
    fireEvent.click(screen.getByRole('button', { name: 'Reset layout' }));
    expect(columns()).toEqual(['403px', '389px']);
    expect(localStorage.getItem(panelWidthsKey('acme', 'u-ana'))).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reset layout' })).toBeNull();
  });

  it('a smaller window narrows the panels without losing the choice; on a phone there are no separators', () => {
    localStorage.setItem(panelWidthsKey('acme', 'u-ana'), JSON.stringify({ inbox: 560, 'contact-details': 640 }));
    signInAs('u-ana');
    viewportWidth = 1100;
    const first = render(<App config={config} />);
    const [inbox, details] = columns().map((width) => parseInt(width, 10));
    expect(inbox + details).toBe(1100 - 2 - 360);
    first.unmount();

    viewportWidth = 390;
    render(<App config={config} />);
    expect(screen.queryAllByRole('separator')).toHaveLength(0);
    expect((document.querySelector('.shell-panels') as HTMLElement).style.getPropertyValue('--shell-inbox-width')).toBe('');
    expect(JSON.parse(localStorage.getItem(panelWidthsKey('acme', 'u-ana'))!)).toEqual({ inbox: 560, 'contact-details': 640 });
  });
});
