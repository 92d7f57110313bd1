/**
 * For component tests: jsdom has `<dialog open>` but no `showModal()` or `close()`. These do what the panels
 * rely on — open sets the attribute, close removes it and fires `close` — without the top layer.
 */
export function installDialogMethods(): void {
  const prototype = HTMLDialogElement.prototype as Partial<Pick<HTMLDialogElement, 'showModal' | 'close'>>;
  prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  prototype.close ??= function (this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}
