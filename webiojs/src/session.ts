// What the page knows of its session: how to send events, and whether it is over.

import type { Connection } from './connection';
import type { ClientEvent, CloseSessionSpec } from './protocol';
import { t } from './i18n';

export class SessionLink {
  private over = false;

  constructor(private connection: Connection) {}

  get closed(): boolean {
    return this.over;
  }

  send(event: ClientEvent): void {
    if (!this.over) this.connection.send(event);
  }

  sendBinary(frame: ArrayBuffer): void {
    if (!this.over) this.connection.sendBinary(frame);
  }

  /** Bytes sent but not yet on the wire, for upload progress and back-pressure. */
  get bufferedAmount(): number {
    return this.connection.bufferedAmount;
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
      trace.style.textAlign = 'left';
      notice.appendChild(trace);
    }
    // every control of the page and of a popup, except the page's own Close buttons
    for (const control of document.querySelectorAll<HTMLButtonElement | HTMLInputElement>(
      ':is(#pywebio, .pywebio-popup) :is(button, input, select, textarea):not([data-pywebio-chrome])')) {
      control.disabled = true;
    }
  }

  private showNotice(role: string, className: string, text: string): HTMLElement {
    const notice = document.createElement('div');
    notice.setAttribute('role', role);
    notice.className = className;
    notice.textContent = text;
    (document.getElementById('session-status') ?? document.body).appendChild(notice);
    return notice;
  }
}
