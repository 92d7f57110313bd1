import { Icon } from '@conversations/ui';
import { Suspense, lazy, useRef, useState, type KeyboardEvent } from 'react';

const EmojiPicker = lazy(() => import('./EmojiPicker'));

/**
 * F20: the emoji button and its picker (a non-modal dialog: its search takes focus on open); a pick closes
 * it, and Escape closes it with focus back on the button, where the keyboard user was.
 */
export function EmojiButton({ onPick }: { onPick: (emoji: string) => void }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const pick = (emoji: string) => {
    setOpen(false);
    onPick(emoji);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="conversation-emoji">
      <button ref={button} type="button" className="cv-icon-button" aria-label="Emoji" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name="smile" />
      </button>
      {open ? (
        <div className="conversation-emoji-popover" role="dialog" aria-label="Choose an emoji" onKeyDown={onKeyDown}>
          <Suspense fallback={<div className="conversation-emoji-loading">Loading emoji…</div>}>
            <EmojiPicker onPick={pick} />
          </Suspense>
        </div>
      ) : null}
    </div>
  );
}
