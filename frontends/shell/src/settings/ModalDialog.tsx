import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A native modal `<dialog>`: the browser keeps focus inside it (the page behind is inert), Escape closes
 * it, and focus goes back to what opened it. Its buttons close it with `closeDialog`, which ends in `onClose`.
 */
export function ModalDialog({
  title,
  onClose,
  children,
  size,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  size?: 'wide';
  testId?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className={size === 'wide' ? 'cv-dialog settings-dialog settings-dialog--wide' : 'cv-dialog settings-dialog'}
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid={testId}
    >
      <div className="settings-dialog-body">
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </dialog>
  );
}

/** Closes the dialog `from` is in (a button, the form): the browser then gives focus back to what opened it. */
export function closeDialog(from: Element | null): void {
  from?.closest('dialog')?.close();
}
