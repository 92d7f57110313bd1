import {
  CONVERSATION_MIN_WIDTH,
  KEYBOARD_LARGE_STEP,
  KEYBOARD_STEP,
  PANEL_WIDTH_LIMITS,
  defaultPanelWidths,
  resolvePanelWidths,
  widthAfterKey,
  widthRange,
  withPanelWidth,
} from './panel-widths';

const total = (widths: { inbox: number; 'contact-details': number }) => widths.inbox + widths['contact-details'];

describe('F34, #14 §8: default column widths', () => {
  it('give the list room for a full name beside the time at 1280, 1440 and 1920 px, and the conversation the rest', () => {
    expect(defaultPanelWidths(1280)).toEqual({ inbox: 358, 'contact-details': 346 });
    expect(defaultPanelWidths(1440)).toEqual({ inbox: 403, 'contact-details': 389 });
    expect(defaultPanelWidths(1920)).toEqual({ inbox: 440, 'contact-details': 480 });
    // The old fixed 320 px list cut "Camren Kemmer" at 1440 px.
    expect(defaultPanelWidths(1440).inbox).toBeGreaterThanOrEqual(400);
    for (const viewport of [1024, 1280, 1440, 1920])
      expect(viewport - total(defaultPanelWidths(viewport))).toBeGreaterThanOrEqual(CONVERSATION_MIN_WIDTH + 2);
  });
});

describe('F34, #14 §8: widths are kept within limits', () => {
  it('a chosen width beyond a panel’s own limits is brought back to them', () => {
    expect(resolvePanelWidths({ inbox: 100, 'contact-details': 5000 }, 1920)).toEqual({
      inbox: PANEL_WIDTH_LIMITS.inbox.min,
      'contact-details': PANEL_WIDTH_LIMITS['contact-details'].max,
    });
    expect(resolvePanelWidths({ inbox: 500 }, 1440)).toEqual({ inbox: 500, 'contact-details': 389 });
  });

  it('a panel can grow only as far as leaves the conversation its minimum beside the other panel', () => {
    const widths = { inbox: 400, 'contact-details': 400 };
    // 1280 − 2 (separators) − 360 (conversation) − 400 (details) leaves the list at most 518 px.
    expect(widthRange('inbox', widths, 1280)).toEqual({ min: 260, max: 518 });
    expect(withPanelWidth('inbox', 900, widths, 1280)).toEqual({ inbox: 518, 'contact-details': 400 });
    // With room to spare the panel's own maximum holds.
    expect(widthRange('contact-details', widths, 1920)).toEqual({ min: 300, max: 640 });
    expect(withPanelWidth('contact-details', 12.6, widths, 1440)).toEqual({ inbox: 400, 'contact-details': 300 });
  });

  it('in a window too small for both choices, both side panels give way in proportion, never below their minimum', () => {
    const chosen = { inbox: 560, 'contact-details': 640 };
    const narrow = resolvePanelWidths(chosen, 1100);
    expect(total(narrow)).toBe(1100 - 2 - CONVERSATION_MIN_WIDTH);
    expect(narrow.inbox).toBeGreaterThan(PANEL_WIDTH_LIMITS.inbox.min);
    expect(narrow['contact-details']).toBeGreaterThan(PANEL_WIDTH_LIMITS['contact-details'].min);
    // Nothing left to give: both at their minimum, whatever the window.
    expect(resolvePanelWidths(chosen, 800)).toEqual({ inbox: 260, 'contact-details': 300 });
    // The wider window brings the choice back (it is never overwritten).
    expect(resolvePanelWidths(chosen, 1920)).toEqual(chosen);
  });
});

describe('F34, #14 §8: the separators by keyboard (WAI-ARIA window splitter)', () => {
  const range = { min: 260, max: 560 };
  const press = (key: string, shiftKey = false) => ({ key, shiftKey });

  it('arrows move the separator between the list and the conversation: → widens the list, ← narrows it', () => {
    expect(widthAfterKey('inbox', press('ArrowRight'), 400, range)).toBe(400 + KEYBOARD_STEP);
    expect(widthAfterKey('inbox', press('ArrowLeft'), 400, range)).toBe(400 - KEYBOARD_STEP);
    expect(widthAfterKey('inbox', press('ArrowRight', true), 400, range)).toBe(400 + KEYBOARD_LARGE_STEP);
  });

  it('the details are right of their separator: ← widens them, → narrows them', () => {
    expect(widthAfterKey('contact-details', press('ArrowLeft'), 400, range)).toBe(400 + KEYBOARD_STEP);
    expect(widthAfterKey('contact-details', press('ArrowRight', true), 400, range)).toBe(400 - KEYBOARD_LARGE_STEP);
  });

  it('Home and End give the smallest and largest width; steps stop at the limits; other keys are left alone', () => {
    expect(widthAfterKey('inbox', press('Home'), 400, range)).toBe(260);
    expect(widthAfterKey('contact-details', press('End'), 400, range)).toBe(560);
    expect(widthAfterKey('inbox', press('ArrowRight', true), 540, range)).toBe(560);
    expect(widthAfterKey('inbox', press('ArrowLeft'), 265, range)).toBe(260);
    expect(widthAfterKey('inbox', press('Enter'), 400, range)).toBeNull();
    expect(widthAfterKey('inbox', press('ArrowUp'), 400, range)).toBeNull();
  });
});
