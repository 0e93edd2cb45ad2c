// What the page knows of its session: how to send events, and whether it is over.

import type { Connection } from './connection';
import type { ClientEvent, CloseSessionSpec } from './protocol';
import { t } from './i18n';
import { pageElements } from './page_elements';

/**
 * Marks a control that needs no server (a collapse's toggle, a tab, an alert's close button):
 * it keeps working after the session ends. Set it with `keepsWorkingOffline`.
 */
export const LOCAL_CONTROL = 'pywebioLocal';

/** Mark `control` as one that works without the server (see `LOCAL_CONTROL`). */
export function keepsWorkingOffline(control: HTMLElement): void {
  control.dataset[LOCAL_CONTROL] = '';
}

/** Forms' own submit buttons, which cannot be used while the page is offline. */
const SUBMIT_BUTTONS = '.pywebio-form button[type=submit]';

export class SessionLink {
  private over = false;
  private reconnecting: HTMLElement | null = null;

  constructor(private connection: Connection) {
    // a form submitted while offline would be sent on resume, but the person could not tell;
    // stopped in the capture phase, before the form's own handler
    document.addEventListener('submit', (event) => {
      if (this.reconnecting) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    }, true);
    connection.onReconnecting((on) => {
      this.showReconnecting(on);
      if (on) for (const listener of this.dropListeners) listener();
    });
  }

  private readonly dropListeners = new Set<() => void>();

  /** Call `listener` each time the connection drops (until the returned function is called). */
  onDrop(listener: () => void): () => void {
    this.dropListeners.add(listener);
    return () => this.dropListeners.delete(listener);
  }

  /** While the connection is being resumed: say so, and keep forms filled in but not submittable. */
  private showReconnecting(on: boolean): void {
    if (on === Boolean(this.reconnecting) || (on && this.over)) return;
    if (on) {
      const notice = document.createElement('div');
      notice.setAttribute('role', 'status');
      notice.className = 'pywebio-reconnecting alert alert-warning py-2 px-3 mb-0 shadow-sm';
      notice.textContent = t('reconnecting');
      document.body.appendChild(notice);
      this.reconnecting = notice;
      for (const button of document.querySelectorAll<HTMLButtonElement>(SUBMIT_BUTTONS)) {
        if (!button.disabled) {
          button.disabled = true;
          button.dataset.pywebioOffline = '1';
        }
      }
    } else {
      this.reconnecting?.remove();
      this.reconnecting = null;
      for (const button of document.querySelectorAll<HTMLButtonElement>(`${SUBMIT_BUTTONS}[data-pywebio-offline]`)) {
        delete button.dataset.pywebioOffline;
        if (!this.over) button.disabled = false;
      }
    }
  }

  get closed(): boolean {
    return this.over;
  }

  send(event: ClientEvent): void {
    if (!this.over) this.connection.send(event);
  }

  /** The server refused to open the session: it is at its session limit. Say so. */
  refused(): void {
    if (this.over) return;
    this.over = true;
    this.showNotice('alert', 'alert alert-warning mt-4', t('serverBusy'));
  }

  /** The session is over: say so once (and why, when the app failed), and make every control inert. */
  end(why: CloseSessionSpec | null = null): void {
    if (this.over) return;
    this.over = true;
    const failed = why?.reason === 'error';
    const notice = this.showNotice(failed ? 'alert' : 'status', failed ? 'alert alert-danger mt-4' : 'alert alert-secondary mt-4',
      t(failed ? 'appError' : 'sessionOver'));
    if (failed && typeof why.traceback === 'string' && why.traceback) {
      // only with the server's debug=True; text, never HTML
      const trace = document.createElement('pre');
      trace.className = 'pywebio-traceback mt-2 mb-0 small';
      trace.textContent = why.traceback;
      trace.style.whiteSpace = 'pre-wrap';
      trace.dir = 'ltr'; // Python's words, on a right-to-left page too
      trace.style.textAlign = 'left';
      notice.appendChild(trace);
    }
    // every control of the page and of a popup that talks to the server; not the page's own
    // Close buttons, nor the widgets that work in the page alone (a collapse, tabs: LOCAL_CONTROL)
    for (const control of document.querySelectorAll<HTMLButtonElement | HTMLInputElement>(
      ':is(#pywebio, .pywebio-popup) :is(button, input, select, textarea):not([data-pywebio-chrome], [data-pywebio-local])')) {
      control.disabled = true;
    }
  }

  private showNotice(role: string, className: string, text: string): HTMLElement {
    return showNotice(role, className, text);
  }
}

/** A notice under the page's output: a `status` or an `alert`, as text (never HTML). */
export function showNotice(role: string, className: string, text: string): HTMLElement {
  const notice = document.createElement('div');
  notice.setAttribute('role', role);
  notice.className = className;
  notice.textContent = text;
  pageElements.status.appendChild(notice);
  return notice;
}

/**
 * PyWebIO 1.x's `window.WebIO.pushData(data, callbackId)`, kept for add-ons only (the file picker
 * of `pywebio_battery` calls it from a data table's JSFunction): the page's own code sends a
 * `callback` event with `data` (any JSON value) for a callback id that the server gave out with
 * `pywebio.io_ctrl.output_register_callback`. Nothing else of 1.x's `WebIO` object is kept.
 */
export function exposePushData(session: SessionLink): void {
  const pushData = (data: unknown, callbackId: string): void =>
    // the one event whose data the page does not make itself: the callback checks it
    session.send({ event: 'callback', task_id: String(callbackId), data } as unknown as ClientEvent);
  (window as unknown as { WebIO: { pushData: typeof pushData } }).WebIO = { pushData };
}
