import { Icon } from '@conversations/ui';
import { useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

function focusItem(menu: HTMLDivElement | null) {
  menu?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
}

/**
 * F38: the second half of the Send split button: a menu button whose menu holds "Send later…". By keyboard:
 * Enter, Space or ↓ opens it on its item, Escape closes it back onto the button, Tab leaves it closed.
 */
export function SendLaterMenu({ disabled, onSendLater }: { disabled: boolean; onSendLater: () => void }) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  const close = (focusTrigger: boolean) => {
    setOpen(false);
    if (focusTrigger) trigger.current?.focus();
  };
  const choose = () => {
    // Focus is on the button before the dialog opens, so it returns there when the dialog closes.
    close(true);
    onSendLater();
  };
  const onTriggerKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
    }
  };
  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') close(false);
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp' || event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      focusItem(event.currentTarget);
    }
  };
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
  };

  return (
    <div className="conversation-send-later" onBlur={onBlur}>
      <button
        ref={trigger}
        type="button"
        className="cv-button cv-button--primary conversation-send-later-trigger"
        aria-label="Schedule options"
        title="Schedule options"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled}
        onClick={() => setOpen((shown) => !shown)}
        onKeyDown={onTriggerKeyDown}
      >
        <Icon name="chevron-down" size={16} />
      </button>
      {open ? (
        <div
          id={menuId}
          role="menu"
          aria-label="Schedule options"
          className="conversation-send-later-menu"
          ref={focusItem}
          onKeyDown={onMenuKeyDown}
        >
          <button type="button" role="menuitem" tabIndex={-1} onClick={choose}>
            <Icon name="clock" size={16} /> Send later…
          </button>
        </div>
      ) : null}
    </div>
  );
}
