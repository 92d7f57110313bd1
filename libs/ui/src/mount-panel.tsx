import type { MountedPanel, PanelProps } from '@conversations/panel-bus';
import type { ComponentType } from 'react';
import { createRoot } from 'react-dom/client';

/** `mount(element, options)` for a panel component: what another CRM calls to embed it (F35). */
export function mountPanel(Panel: ComponentType<PanelProps>, element: Element, options: PanelProps): MountedPanel {
  const root = createRoot(element);
  let props: PanelProps = { layout: 'wide', ...options };
  root.render(<Panel {...props} />);
  return {
    update(changes) {
      props = { ...props, ...changes };
      root.render(<Panel {...props} />);
    },
    unmount() {
      root.unmount();
    },
  };
}

/**
 * The same panel as a custom element, e.g. `<conversations-contact-details api-base-url="…" token="…"
 * tenant-id="…" contact-id="…">`. Attribute changes re-render it. A host that renews tokens sets the
 * element's `getToken` property (an async callback, see PanelProps) instead of the `token` attribute.
 */
export function definePanelElement(tagName: string, Panel: ComponentType<PanelProps>): void {
  if (typeof customElements === 'undefined' || customElements.get(tagName)) return;
  customElements.define(
    tagName,
    class extends HTMLElement {
      static observedAttributes = ['api-base-url', 'token', 'tenant-id', 'contact-id', 'layout'];
      private mounted: MountedPanel | null = null;
      private tokenCallback: PanelProps['getToken'];

      get getToken(): PanelProps['getToken'] {
        return this.tokenCallback;
      }

      set getToken(callback: PanelProps['getToken']) {
        this.tokenCallback = callback;
        this.mounted?.update(this.options());
      }

      private options(): PanelProps {
        return {
          apiBaseUrl: this.getAttribute('api-base-url') ?? '',
          token: this.getAttribute('token') ?? undefined,
          getToken: this.tokenCallback,
          tenantId: this.getAttribute('tenant-id') ?? undefined,
          contactId: this.getAttribute('contact-id'),
          layout: this.getAttribute('layout') === 'narrow' ? 'narrow' : 'wide',
        };
      }

      connectedCallback() {
        if (!this.style.display) this.style.display = 'block';
        this.mounted = mountPanel(Panel, this, this.options());
      }

      attributeChangedCallback() {
        this.mounted?.update(this.options());
      }

      disconnectedCallback() {
        this.mounted?.unmount();
        this.mounted = null;
      }
    },
  );
}
