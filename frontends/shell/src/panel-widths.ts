/**
 * Widths of the two side panels in the wide layout; the conversation takes what is left. Pure functions,
 * so the rules (defaults, limits, keyboard steps) are tested without a browser.
 */

export type SidePanel = 'inbox' | 'contact-details';

export interface PanelWidths {
  inbox: number;
  'contact-details': number;
}

/** What a user chose by dragging or with the keyboard; a panel they never resized follows the default. */
export type ChosenWidths = Partial<PanelWidths>;

/** Below these a list row or a form field stops being usable; above them the space is wasted. */
export const PANEL_WIDTH_LIMITS: Record<SidePanel, { min: number; max: number }> = {
  inbox: { min: 260, max: 560 },
  'contact-details': { min: 300, max: 640 },
};

/** The timeline and the composer need this much between the two side panels. */
export const CONVERSATION_MIN_WIDTH = 360;

/** Each separator takes one pixel of the row (the line between two panels). */
const SEPARATORS_WIDTH = 2;

export const KEYBOARD_STEP = 16;
export const KEYBOARD_LARGE_STEP = 64;

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function otherPanel(panel: SidePanel): SidePanel {
  return panel === 'inbox' ? 'contact-details' : 'inbox';
}

/**
 * A share of the window, within bounds: at 1280 / 1440 / 1920 px the list gets 358 / 403 / 440 px, enough
 * for a full name beside the time in the Calls tab, and the details 346 / 389 / 480 px.
 */
export function defaultPanelWidths(viewportWidth: number): PanelWidths {
  return {
    inbox: Math.round(clamp(viewportWidth * 0.28, 300, 440)),
    'contact-details': Math.round(clamp(viewportWidth * 0.27, 340, 480)),
  };
}

/** How narrow and how wide `panel` may be, given the other side panel's width and the window. */
export function widthRange(panel: SidePanel, widths: PanelWidths, viewportWidth: number): { min: number; max: number } {
  const { min, max } = PANEL_WIDTH_LIMITS[panel];
  const room = viewportWidth - SEPARATORS_WIDTH - CONVERSATION_MIN_WIDTH - widths[otherPanel(panel)];
  return { min, max: Math.max(min, Math.min(max, room)) };
}

/**
 * The widths to lay out: each chosen width (else the default) within its limits; when the window is too
 * small for both and the conversation, both side panels give way in proportion to what they have above
 * their minimum. Nothing is stored back, so a wider window brings the chosen widths back.
 */
export function resolvePanelWidths(chosen: ChosenWidths, viewportWidth: number): PanelWidths {
  const defaults = defaultPanelWidths(viewportWidth);
  const inbox = clamp(chosen.inbox ?? defaults.inbox, PANEL_WIDTH_LIMITS.inbox.min, PANEL_WIDTH_LIMITS.inbox.max);
  const details = clamp(
    chosen['contact-details'] ?? defaults['contact-details'],
    PANEL_WIDTH_LIMITS['contact-details'].min,
    PANEL_WIDTH_LIMITS['contact-details'].max,
  );
  const excess = inbox + details + CONVERSATION_MIN_WIDTH + SEPARATORS_WIDTH - viewportWidth;
  const inboxSlack = inbox - PANEL_WIDTH_LIMITS.inbox.min;
  const detailsSlack = details - PANEL_WIDTH_LIMITS['contact-details'].min;
  if (excess <= 0 || inboxSlack + detailsSlack <= 0) return { inbox, 'contact-details': details };
  const given = Math.min(excess, inboxSlack + detailsSlack);
  const inboxGives = Math.round((given * inboxSlack) / (inboxSlack + detailsSlack));
  return { inbox: inbox - inboxGives, 'contact-details': details - (given - inboxGives) };
}

/** `widths` with `panel` set to `width`, kept within its range. */
export function withPanelWidth(panel: SidePanel, width: number, widths: PanelWidths, viewportWidth: number): PanelWidths {
  const { min, max } = widthRange(panel, widths, viewportWidth);
  return { ...widths, [panel]: Math.round(clamp(width, min, max)) };
}

/**
 * The width a key press on `panel`'s separator asks for, or null for a key the separator does not handle.
 * Arrows move the separator (so → widens the list but narrows the details on the right), Shift moves it
 * further, Home and End give the panel its smallest and largest width (WAI-ARIA window splitter).
 */
export function widthAfterKey(
  panel: SidePanel,
  key: { key: string; shiftKey: boolean },
  width: number,
  range: { min: number; max: number },
): number | null {
  const step = key.shiftKey ? KEYBOARD_LARGE_STEP : KEYBOARD_STEP;
  const towardsRight = panel === 'inbox' ? step : -step;
  switch (key.key) {
    case 'ArrowRight':
      return clamp(width + towardsRight, range.min, range.max);
    case 'ArrowLeft':
      return clamp(width - towardsRight, range.min, range.max);
    case 'Home':
      return range.min;
    case 'End':
      return range.max;
    default:
      return null;
  }
}
