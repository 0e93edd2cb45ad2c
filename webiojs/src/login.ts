// pywebio.auth: exchange the server's one-use login ticket for the login cookie.
//
// A WebSocket cannot set a cookie, so the server hands the page a ticket (a `login_cookie`
// command) and the page POSTs it to the API URL with `?pywebio_login`; the answer's Set-Cookie
// (HttpOnly: no script of the page can read it) logs the browser in or, for a logout ticket, out.
// The ticket is used once and kept nowhere: not in a variable that outlives the request, not in
// storage. Exchanges run one after the other, in the order the commands came, so that a logout
// that follows a login is the last word. See docs/protocol.md, "Logging in".

import type { LoginCookieSpec } from './protocol';
import type { SessionLink } from './session';

let previous: Promise<void> = Promise.resolve();

/** The login endpoint of the API URL `api`: its http(s) address with `pywebio_login` and no other parameter. */
export function loginEndpoint(api: URL): string {
  const url = new URL(api.href);
  if (url.protocol === 'ws:') url.protocol = 'http:';
  else if (url.protocol === 'wss:') url.protocol = 'https:';
  url.search = '?pywebio_login';
  url.hash = '';
  return url.href;
}

export function exchangeLoginTicket(api: URL, taskId: string, spec: LoginCookieSpec, session: SessionLink): void {
  const body = JSON.stringify({ ticket: spec.ticket });
  previous = previous.then(async () => {
    let status: number | null = null;
    try {
      const response = await fetch(loginEndpoint(api), {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      status = response.status;
    } catch (error) {
      console.error('PyWebIO: the login endpoint did not answer', error);
    }
    session.send({ event: 'login_cookie', task_id: taskId, data: { ok: status !== null && status >= 200 && status < 300, status } });
  });
}
