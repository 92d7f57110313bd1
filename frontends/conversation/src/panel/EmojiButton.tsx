import { Icon } from '@conversations/ui';
import { Suspense, lazy, useState } from 'react';

const EmojiPicker = lazy(() => import('./EmojiPicker'));

/** F20: the emoji button and its picker; a pick closes it. */
export function EmojiButton({ onPick }: { onPick: (emoji: string) => void }) {
  const [open, setOpen] = useState(false);
  const pick = (emoji: string) => {
    setOpen(false);
    onPick(emoji);
  };
  return (
    <div className="conversation-emoji">
      <button type="button" className="cv-icon-button" aria-label="Emoji" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name="smile" />
      </button>
      {open ? (
        <div className="conversation-emoji-popover">
          <Suspense fallback={<div className="conversation-emoji-loading">Loading emoji…</div>}>
            <EmojiPicker onPick={pick} />
          </Suspense>
        </div>
      ) : null}
    </div>
  );
}
