import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { widthAfterKey, type SidePanel } from './panel-widths';

interface Drag {
  pointerId: number;
  startX: number;
  startWidth: number;
  lastX: number;
}

/**
 * The line between two panels, which resizes the side panel it belongs to: dragged with a pointer, moved
 * with the arrow keys, Home and End when focused (a WAI-ARIA window splitter), double-click for the default.
 */
export function PanelSeparator({
  panel,
  label,
  controls,
  width,
  range,
  onResize,
  onReset,
}: {
  panel: SidePanel;
  label: string;
  /** The id of the panel it resizes. */
  controls: string;
  width: number;
  range: { min: number; max: number };
  onResize: (width: number, final: boolean) => void;
  onReset: () => void;
}) {
  const drag = useRef<Drag | null>(null);
  const [dragging, setDragging] = useState(false);
  // The list is left of its separator, the details right of theirs: moving right widens one, narrows the other.
  const widthAt = (current: Drag, clientX: number) =>
    current.startWidth + (panel === 'inbox' ? clientX - current.startX : current.startX - clientX);

  const endDrag = () => {
    const current = drag.current;
    drag.current = null;
    setDragging(false);
    // A click without a move (or the first click of a double-click) chooses nothing.
    if (current && current.lastX !== current.startX) onResize(widthAt(current, current.lastX), true);
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      className="shell-separator"
      aria-label={label}
      aria-controls={controls}
      aria-orientation="vertical"
      aria-valuenow={width}
      aria-valuemin={range.min}
      aria-valuemax={range.max}
      aria-valuetext={`${width} pixels wide`}
      data-dragging={dragging}
      onKeyDown={(event: KeyboardEvent) => {
        const next = widthAfterKey(panel, event, width, range);
        if (next === null) return;
        event.preventDefault();
        onResize(next, true);
      }}
      onPointerDown={(event: PointerEvent<HTMLDivElement>) => {
        if (event.button !== 0) return;
        event.preventDefault(); // no text selection while dragging
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { pointerId: event.pointerId, startX: event.clientX, startWidth: width, lastX: event.clientX };
        setDragging(true);
      }}
      onPointerMove={(event: PointerEvent) => {
        const current = drag.current;
        if (!current || current.pointerId !== event.pointerId) return;
        current.lastX = event.clientX;
        onResize(widthAt(current, event.clientX), false);
      }}
      onPointerUp={(event: PointerEvent) => {
        if (drag.current?.pointerId !== event.pointerId) return;
        drag.current.lastX = event.clientX;
        endDrag();
      }}
      // The browser took the pointer away (a touch turned into a scroll, a window switch): keep what was reached.
      onLostPointerCapture={endDrag}
      onDoubleClick={onReset}
    />
  );
}
