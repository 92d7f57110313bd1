import { useRef, useState } from 'react';
import { useViewportWidth } from './layout';
import { loadChosenWidths, panelWidthsKey, saveChosenWidths } from './panel-width-storage';
import { resolvePanelWidths, widthRange, withPanelWidth, type ChosenWidths, type PanelWidths, type SidePanel } from './panel-widths';

export interface PanelWidthControls {
  widths: PanelWidths;
  rangeOf(panel: SidePanel): { min: number; max: number };
  /** `final`: the drag ended or a key was pressed, so the choice is stored; a drag in progress is not. */
  resize(panel: SidePanel, width: number, final: boolean): void;
  /** Back to the default width: one panel (double-click on its separator), or both. */
  reset(panel?: SidePanel): void;
  /** Whether the user chose any width (the topbar then offers "Reset layout"). */
  customised: boolean;
}

/** The side panels' widths for the signed-in user: their stored choice, else the defaults for this window. */
export function usePanelWidths(tenantId: string, userId: string): PanelWidthControls {
  const viewportWidth = useViewportWidth();
  const key = panelWidthsKey(tenantId, userId);
  const [chosen, setChosen] = useState<ChosenWidths>(() => loadChosenWidths(localStorageIfAllowed(), key));
  // The newest choice, even before React renders it: the end of a drag stores what the last move set.
  const latest = useRef(chosen);
  const widths = resolvePanelWidths(chosen, viewportWidth);

  const update = (next: ChosenWidths, final: boolean) => {
    latest.current = next;
    setChosen(next);
    if (final) saveChosenWidths(localStorageIfAllowed(), key, next);
  };
  return {
    widths,
    rangeOf: (panel) => widthRange(panel, widths, viewportWidth),
    resize: (panel, width, final) =>
      update({ ...latest.current, [panel]: withPanelWidth(panel, width, widths, viewportWidth)[panel] }, final),
    reset: (panel) => {
      const next: ChosenWidths = panel ? { ...latest.current } : {};
      if (panel) delete next[panel];
      update(next, true);
    },
    customised: Object.keys(chosen).length > 0,
  };
}

/** Browsers that block storage throw on the mere access. */
function localStorageIfAllowed(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
