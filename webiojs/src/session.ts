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

  /** The session is over: say so once, and make every control inert. */
  end(): void {
    if (this.over) return;
    this.over = true;
    const notice = document.createElement('div');
    notice.setAttribute('role', 'status');
    notice.className = 'alert alert-secondary mt-4';
    notice.textContent = t('sessionOver');
    (document.getElementById('session-status') ?? document.body).appendChild(notice);
    for (const control of document.querySelectorAll<HTMLButtonElement | HTMLInputElement>(
      '#pywebio button, #pywebio input, #pywebio select, #pywebio textarea')) {
      control.disabled = true;
    }
  }
}
