// What the page knows of its session: how to send events, and whether it is over.

import type { Connection } from './connection';
import type { ClientEvent } from './protocol';
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

  /** The session is over: say so once, and make every control inert. */
  end(): void {
    if (this.over) return;
    this.over = true;
    const notice = document.createElement('div');
    notice.setAttribute('role', 'status');
    notice.className = 'alert alert-secondary mt-4';
    notice.textContent = t('sessionOver');
    (document.getElementById('session-status') ?? document.body).appendChild(notice);
    // every control of the page and of a popup, except the page's own Close buttons
    for (const control of document.querySelectorAll<HTMLButtonElement | HTMLInputElement>(
      ':is(#pywebio, .pywebio-popup) :is(button, input, select, textarea):not([data-pywebio-chrome])')) {
      control.disabled = true;
    }
  }
}
