// The link to the server. A Connection delivers frames of commands and carries events, over a
// WebSocket (Tornado, aiohttp) or HTTP long-polling (Flask, Django).

import { webSocketUrl } from './api_url';
import type { ClientEvent, Command } from './protocol';

/** How a connection ended: `busy` when the server refused to open a session because it is at
 * its session limit (WebSocket close code 1013, or HTTP 503); `restart` when a server in debug
 * mode lost the session with the connection, as a restart with new code does: the page reloads
 * (docs/protocol.md, "A server that restarts with new code"). */
export type Ending = 'closed' | 'busy' | 'restart';

/** The WebSocket close code of a server at its session limit: "Try Again Later". */
const SERVER_BUSY_CODE = 1013;

export interface Connection {
  send(event: ClientEvent): void;
  onCommands(handler: (commands: Command[]) => void): void;
  onClose(handler: (ending: Ending) => void): void;
  /** Called with true when the connection dropped and the page tries to resume, false once it has. */
  onReconnecting(handler: (reconnecting: boolean) => void): void;
  close(): void;
}

/** A transport message (docs/protocol.md, "Reconnecting"): handled here, never by the dispatcher. */
interface TransportMessage {
  transport: string;
  key?: string;
  secret?: string;
  reconnect_timeout?: number;
  ping_interval?: number;
  events?: number;
  reload?: boolean;
}

/** Close codes: the server cannot resume the session; another connection took it over. */
const RESUME_REFUSED = 4404;
const REPLACED = 4409;
/** Close codes after which there is nothing to resume: the server refused what the page sent
 * (1003 invalid message, 1007 not UTF-8, 1008 over a limit or not the script's page, 1009 too
 * big), or the session is gone or taken over. */
const ENDING_CODES = [1003, 1007, 1008, 1009, RESUME_REFUSED, REPLACED];
/** The code with which the page closes a connection it thinks dead. */
const DEAD = 4000;
/** At most one acknowledgement of commands in this time (a ping is answered at once). */
const ACK_DELAY_MS = 1000;
/** Reconnect attempts wait 250 ms, 500 ms, 1 s... up to 5 s, each with half of it left to chance
 * (jitter), so that the pages of a restarted proxy do not all come back in the same instant. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5000;
/** A server in debug mode may be restarting: wait at most this long between attempts. */
const RETRY_MAX_RELOADING_MS = 1000;
/** An attempt that neither resumes nor fails in this time is given up for the next one. */
const ATTEMPT_TIMEOUT_MS = 5000;

/**
 * A WebSocket to the server that survives drops. The server's first frame gives the session a key
 * and a secret; from then on both sides number what they send and acknowledge it, and when the
 * socket dies (a close or error event, or silence past two ping intervals) the page opens a new
 * one with `resume=<key>`, proves itself with the secret in its first frame, gets the commands it
 * missed and sends again the events the server had not received.
 */
export class WebSocketConnection implements Connection {
  private socket!: WebSocket;
  private readonly url: string;
  private commandHandler: ((commands: Command[]) => void) | null = null;
  private backlog: Command[][] = []; // frames that came before onCommands()
  private closeHandler: (ending: Ending) => void = () => {};
  private reconnectingHandler: (reconnecting: boolean) => void = () => {};
  private pending: (string | ArrayBuffer)[] = []; // written before the first socket opened

  // what resuming needs (null key: the server keeps nothing, a drop ends the session)
  private key: string | null = null;
  private secret = '';
  private reconnectTimeoutMs = 0;
  private pingIntervalMs = 20_000;
  private commandsReceived = 0;
  private eventsSent = 0;
  private kept: { number: number; message: string | ArrayBuffer }[] = []; // events not acknowledged
  private live = true; // false from a drop until the server has resumed the session
  private lastHeard = Date.now();
  private droppedAt = 0;
  private attempts = 0;
  private ackTimer: number | undefined;
  private watchdog: number | undefined;
  private retryTimer: number | undefined;
  private readonly abandoned = new WeakSet<WebSocket>(); // dead sockets, whose events no longer count
  private over = false; // close_session came: nothing to resume
  private reload = false; // debug mode: a session lost with the connection reloads the page
  private finished = false;
  private leaving = false;

  constructor(target: string | WebSocket) {
    const socket = typeof target === 'string' ? new WebSocket(target) : target;
    this.url = socket.url;
    this.attach(socket);
    window.addEventListener('pagehide', () => this.close());
    window.addEventListener('online', () => this.retryNow());
  }

  private attach(socket: WebSocket): void {
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    const current = (): boolean => socket === this.socket && !this.abandoned.has(socket);
    socket.addEventListener('open', () => current() && this.opened());
    socket.addEventListener('message', (message: MessageEvent) => current() && this.received(message));
    socket.addEventListener('close', (event: CloseEvent) => current() && this.closed(event.code));
    if (socket.readyState >= WebSocket.CLOSING) queueMicrotask(() => current() && this.closed(0));
  }

  /** Stop listening to `socket` and close it (a dead socket may take long to say so itself). */
  private abandon(socket: WebSocket): void {
    this.abandoned.add(socket);
    if (socket.readyState < WebSocket.CLOSING) socket.close(DEAD);
  }

  private opened(): void {
    if (this.live) {
      for (const message of this.pending) this.socket.send(message);
      this.pending = [];
    } else {
      this.socket.send(JSON.stringify({ transport: 'resume', key: this.key, secret: this.secret, commands: this.commandsReceived }));
    }
  }

  private received(message: MessageEvent): void {
    this.lastHeard = Date.now();
    let data: unknown;
    try {
      data = JSON.parse(String(message.data));
    } catch (error) {
      console.error('PyWebIO: the server sent a frame that is not JSON', error);
      return;
    }
    if (!Array.isArray(data)) {
      if (data && typeof data === 'object' && 'transport' in data) this.transportMessage(data as TransportMessage);
      else this.deliver([data as Command]);
      return;
    }
    this.commandsReceived += data.length;
    if (this.key !== null && this.ackTimer === undefined) this.ackTimer = window.setTimeout(() => this.acknowledge(), ACK_DELAY_MS);
    if (data.some((command: Command) => command?.command === 'close_session')) this.over = true;
    this.deliver(data as Command[]);
  }

  private deliver(frame: Command[]): void {
    if (this.commandHandler) this.commandHandler(frame);
    else this.backlog.push(frame);
  }

  private transportMessage(message: TransportMessage): void {
    switch (message.transport) {
      case 'session':
        this.key = String(message.key);
        this.secret = String(message.secret);
        this.reconnectTimeoutMs = Number(message.reconnect_timeout) * 1000;
        this.pingIntervalMs = Number(message.ping_interval) * 1000 || this.pingIntervalMs;
        this.reload = message.reload === true;
        this.watch();
        break;
      case 'ping':
        this.forget(message.events);
        this.acknowledge();
        break;
      case 'ack':
        this.forget(message.events);
        break;
      case 'resumed':
        this.forget(message.events);
        this.live = true;
        this.attempts = 0;
        window.clearTimeout(this.retryTimer);
        for (const { message: event } of this.kept) this.socket.send(event);
        this.reconnectingHandler(false);
        this.watch();
        break;
    }
  }

  /** The server has events up to `number`: they need not be kept for a resume. */
  private forget(number: unknown): void {
    if (typeof number !== 'number') return;
    let drop = 0;
    while (drop < this.kept.length && this.kept[drop].number <= number) drop++;
    if (drop) this.kept.splice(0, drop);
  }

  private acknowledge(): void {
    window.clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    if (this.live && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ transport: 'ack', commands: this.commandsReceived }));
    }
  }

  /** Watch for a silent server: no frame for two ping intervals means the connection is dead. */
  private watch(): void {
    window.clearInterval(this.watchdog);
    this.lastHeard = Date.now();
    this.watchdog = window.setInterval(() => {
      if (this.live && Date.now() - this.lastHeard > 2 * this.pingIntervalMs) this.dropped();
    }, this.pingIntervalMs / 2);
  }

  private closed(code: number): void {
    if (this.finished || this.leaving) return;
    if (code === SERVER_BUSY_CODE) {
      this.finish('busy');
    } else if (code === RESUME_REFUSED && this.reload && !this.over) {
      this.finish('restart'); // the server does not know the session: it has restarted
    } else if (this.over || this.key === null || ENDING_CODES.includes(code)) {
      this.finish();
    } else if (this.live) {
      this.dropped();
    } else {
      this.retryLater(); // a resume attempt failed
    }
  }

  /** The connection is dead: let it go and start resuming the session on a new one. */
  private dropped(): void {
    const socket = this.socket;
    this.live = false;
    this.droppedAt = Date.now();
    this.attempts = 0;
    window.clearInterval(this.watchdog);
    this.reconnectingHandler(true);
    this.abandon(socket);
    this.retryLater();
  }

  private retryLater(): void {
    window.clearTimeout(this.retryTimer);
    if (Date.now() - this.droppedAt > this.reconnectTimeoutMs) {
      this.finish(this.reload ? 'restart' : 'closed'); // the server has ended the session by now
      return;
    }
    const base = Math.min(this.reload ? RETRY_MAX_RELOADING_MS : RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** this.attempts++);
    this.retryTimer = window.setTimeout(() => this.retryNow(), base / 2 + (Math.random() * base) / 2);
  }

  private retryNow(): void {
    if (this.live || this.finished || this.leaving) return;
    window.clearTimeout(this.retryTimer);
    const url = new URL(this.url);
    url.searchParams.set('resume', this.key ?? '');
    this.abandon(this.socket);
    this.attach(new WebSocket(url.href));
    const attempt = this.socket;
    this.retryTimer = window.setTimeout(() => {
      if (attempt === this.socket && !this.live) this.retryLater();
    }, ATTEMPT_TIMEOUT_MS);
  }

  send(event: ClientEvent): void {
    this.write(JSON.stringify(event));
  }

  private write(message: string | ArrayBuffer): void {
    this.eventsSent += 1;
    if (this.key !== null) this.kept.push({ number: this.eventsSent, message });
    if (!this.live) return; // kept: sent again once the session is resumed
    if (this.socket.readyState === WebSocket.CONNECTING) this.pending.push(message);
    else if (this.socket.readyState === WebSocket.OPEN) this.socket.send(message);
  }

  onCommands(handler: (commands: Command[]) => void): void {
    this.commandHandler = handler;
    for (const frame of this.backlog.splice(0)) handler(frame);
  }

  onClose(handler: (ending: Ending) => void): void {
    this.closeHandler = handler;
  }

  onReconnecting(handler: (reconnecting: boolean) => void): void {
    this.reconnectingHandler = handler;
  }

  private finish(ending: Ending = 'closed'): void {
    if (this.finished) return;
    this.finished = true;
    window.clearInterval(this.watchdog);
    window.clearTimeout(this.retryTimer);
    window.clearTimeout(this.ackTimer);
    this.reconnectingHandler(false);
    this.closeHandler(ending);
  }

  /** The page is going away for good: the session ends now, not after the reconnect timeout. */
  close(): void {
    if (this.leaving || this.finished) return;
    this.leaving = true;
    if (this.live && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ transport: 'leave' }));
    if (this.socket.readyState < WebSocket.CLOSING) this.socket.close(1000);
  }
}

const SESSION_HEADER = 'WebIO-Session-ID';
const RELOAD_HEADER = 'WebIO-Reload';

/**
 * HTTP long-polling, for servers that cannot hold a WebSocket (Flask, Django). One poll is
 * always waiting for commands; each poll acknowledges the commands received so far, so a poll
 * lost on the way is simply asked again. Events are POSTed one after another, in order.
 */
export class HttpConnection implements Connection {
  private commandHandler: (commands: Command[]) => void = () => {};
  private closeHandler: (ending: Ending) => void = () => {};
  private sessionId: string | null = null;
  private reload = false; // debug mode: a session the server forgot reloads the page
  private ack = 0;
  private closed = false;
  private sending: Promise<unknown> = Promise.resolve();
  private unsent = 0;

  constructor(private readonly url: string) {
    this.sending = this.open();
    window.addEventListener('pagehide', () => this.close());
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { [SESSION_HEADER]: this.sessionId ?? '', ...extra };
  }

  private async open(): Promise<void> {
    try {
      const response = await fetch(this.url, { method: 'POST', cache: 'no-store' });
      if (response.status === 503) {
        this.finish('busy');
        return;
      }
      this.sessionId = response.headers.get(SESSION_HEADER);
      this.reload = response.headers.get(RELOAD_HEADER) === '1';
      if (!response.ok || !this.sessionId) throw new Error(`the server answered ${response.status}`);
    } catch (error) {
      console.error('PyWebIO: could not open a session', error);
      this.finish();
      return;
    }
    void this.pollForever();
  }

  private async pollForever(): Promise<void> {
    let failures = 0;
    let ending: Ending = 'closed';
    while (!this.closed) {
      try {
        const response = await fetch(this.url, { headers: this.headers({ 'WebIO-Ack': String(this.ack) }), cache: 'no-store' });
        if (response.status === 404) {
          // the session is gone (ended, or expired; in debug mode, maybe a restart)
          if (this.reload) ending = 'restart';
          break;
        }
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        const { seq, commands } = (await response.json()) as { seq: number; commands: Command[] };
        failures = 0;
        const fresh = commands.slice(Math.max(0, commands.length - (seq - this.ack)));
        this.ack = seq;
        if (fresh.length) this.commandHandler(fresh);
        if (fresh.some((command) => command.command === 'close_session')) break;
      } catch (error) {
        // a lost poll: ask again (the server kept the commands), backing off a little
        if (++failures > 5) {
          if (this.reload) ending = 'restart'; // the server is down: maybe restarting
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * failures));
      }
    }
    this.finish(ending);
  }

  private post(body: BodyInit, contentType: string, size: number): void {
    this.unsent += size;
    this.sending = this.sending.then(async () => {
      if (this.closed || !this.sessionId) return;
      try {
        await fetch(this.url, { method: 'POST', body, headers: this.headers({ 'Content-Type': contentType }) });
      } catch (error) {
        console.error('PyWebIO: an event could not be sent', error);
      } finally {
        this.unsent -= size;
      }
    });
  }

  send(event: ClientEvent): void {
    const body = JSON.stringify(event);
    this.post(body, 'application/json', body.length);
  }

  onCommands(handler: (commands: Command[]) => void): void {
    this.commandHandler = handler;
  }

  onClose(handler: (ending: Ending) => void): void {
    this.closeHandler = handler;
  }

  onReconnecting(): void {
    // long-polling resumes by design: a lost poll is asked again, with nothing to show
  }

  private finish(ending: Ending = 'closed'): void {
    if (!this.closed) {
      this.closed = true;
      this.closeHandler(ending);
    }
  }

  close(): void {
    if (this.sessionId && !this.closed) {
      // keepalive lets the request outlive the page that is going away
      void fetch(this.url, { method: 'POST', keepalive: true, headers: this.headers({ 'WebIO-Close': '1' }) }).catch(() => {});
    }
    this.finish();
  }
}

/** Resolves with the socket once it is open, or null if it fails first. */
function tryWebSocket(url: string): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('open', () => resolve(socket), { once: true });
    socket.addEventListener('close', () => resolve(null), { once: true });
  });
}

/**
 * Connect to the API at `api`. A ws:// or wss:// address is a WebSocket. For an http(s) address
 * the page tries a WebSocket first (Tornado, aiohttp); if the server refuses the upgrade, it asks
 * (`?test=1`) whether the server speaks HTTP long-polling (Flask, Django).
 */
export async function openConnection(api: URL): Promise<Connection> {
  if (api.protocol === 'ws:' || api.protocol === 'wss:') return new WebSocketConnection(api.href);
  const socket = await tryWebSocket(webSocketUrl(api));
  if (socket) return new WebSocketConnection(socket);
  const probe = new URL(api.href);
  probe.searchParams.set('test', '1');
  try {
    const response = await fetch(probe.href, { cache: 'no-store' });
    if (response.ok && (await response.json()).transport === 'http') return new HttpConnection(api.href);
  } catch {
    // unreachable, or refused by CORS: nothing more to try
  }
  return new WebSocketConnection(webSocketUrl(api)); // fails again, and the page says the session is over
}
