// The link to the server. A Connection delivers frames of commands and carries events, over a
// WebSocket (Tornado, aiohttp) or HTTP long-polling (Flask, Django).

import { webSocketUrl } from './api_url';
import type { ClientEvent, Command } from './protocol';

/** How a connection ended: `busy` when the server refused to open a session because it is at
 * its session limit (WebSocket close code 1013, or HTTP 503; see docs/protocol.md). */
export type Ending = 'closed' | 'busy';

/** The WebSocket close code of a server at its session limit: "Try Again Later". */
const SERVER_BUSY_CODE = 1013;

export interface Connection {
  send(event: ClientEvent): void;
  /** Send a binary frame (file contents); see file_chunk in docs/protocol.md. */
  sendBinary(frame: ArrayBuffer): void;
  /** Bytes handed to send() that have not left the browser yet. */
  readonly bufferedAmount: number;
  onCommands(handler: (commands: Command[]) => void): void;
  onClose(handler: (ending: Ending) => void): void;
  close(): void;
}

export class WebSocketConnection implements Connection {
  private socket: WebSocket;
  private commandHandler: ((commands: Command[]) => void) | null = null;
  private backlog: Command[][] = []; // frames that came before onCommands()
  private closeHandler: (ending: Ending) => void = () => {};
  private pending: (string | ArrayBuffer)[] = [];

  constructor(target: string | WebSocket) {
    this.socket = typeof target === 'string' ? new WebSocket(target) : target;
    this.socket.binaryType = 'arraybuffer';
    this.socket.addEventListener('open', () => {
      for (const message of this.pending) this.socket.send(message);
      this.pending = [];
    });
    this.socket.addEventListener('message', (message: MessageEvent) => {
      let commands: unknown;
      try {
        commands = JSON.parse(String(message.data));
      } catch (error) {
        console.error('PyWebIO: the server sent a frame that is not JSON', error);
        return;
      }
      const frame = Array.isArray(commands) ? (commands as Command[]) : [commands as Command];
      if (this.commandHandler) this.commandHandler(frame);
      else this.backlog.push(frame);
    });
    this.socket.addEventListener('close', (event: CloseEvent) =>
      this.closeHandler(event.code === SERVER_BUSY_CODE ? 'busy' : 'closed'));
    if (this.socket.readyState >= WebSocket.CLOSING) queueMicrotask(() => this.closeHandler('closed'));
  }

  send(event: ClientEvent): void {
    this.write(JSON.stringify(event));
  }

  sendBinary(frame: ArrayBuffer): void {
    this.write(frame);
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  private write(message: string | ArrayBuffer): void {
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

  close(): void {
    this.socket.close();
  }
}

const SESSION_HEADER = 'WebIO-Session-ID';

/**
 * HTTP long-polling, for servers that cannot hold a WebSocket (Flask, Django). One poll is
 * always waiting for commands; each poll acknowledges the commands received so far, so a poll
 * lost on the way is simply asked again. Events are POSTed one after another, in order.
 */
export class HttpConnection implements Connection {
  private commandHandler: (commands: Command[]) => void = () => {};
  private closeHandler: (ending: Ending) => void = () => {};
  private sessionId: string | null = null;
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
    while (!this.closed) {
      try {
        const response = await fetch(this.url, { headers: this.headers({ 'WebIO-Ack': String(this.ack) }), cache: 'no-store' });
        if (response.status === 404) break; // the session is gone (ended, or expired)
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        const { seq, commands } = (await response.json()) as { seq: number; commands: Command[] };
        failures = 0;
        const fresh = commands.slice(Math.max(0, commands.length - (seq - this.ack)));
        this.ack = seq;
        if (fresh.length) this.commandHandler(fresh);
        if (fresh.some((command) => command.command === 'close_session')) break;
      } catch (error) {
        // a lost poll: ask again (the server kept the commands), backing off a little
        if (++failures > 5) break;
        await new Promise((resolve) => setTimeout(resolve, 200 * failures));
      }
    }
    this.finish();
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

  sendBinary(frame: ArrayBuffer): void {
    this.post(frame, 'application/octet-stream', frame.byteLength);
  }

  get bufferedAmount(): number {
    return this.unsent;
  }

  onCommands(handler: (commands: Command[]) => void): void {
    this.commandHandler = handler;
  }

  onClose(handler: (ending: Ending) => void): void {
    this.closeHandler = handler;
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
