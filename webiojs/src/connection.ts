// The link to the server. A Connection delivers frames of commands and carries events; the
// WebSocket one is the only transport so far, an HTTP long-polling one will sit beside it.

import type { ClientEvent, Command } from './protocol';

export interface Connection {
  send(event: ClientEvent): void;
  onCommands(handler: (commands: Command[]) => void): void;
  onClose(handler: () => void): void;
  close(): void;
}

export class WebSocketConnection implements Connection {
  private socket: WebSocket;
  private commandHandler: (commands: Command[]) => void = () => {};
  private closeHandler: () => void = () => {};
  private pending: string[] = [];

  constructor(url: string) {
    this.socket = new WebSocket(url);
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
      this.commandHandler(Array.isArray(commands) ? (commands as Command[]) : [commands as Command]);
    });
    this.socket.addEventListener('close', () => this.closeHandler());
  }

  send(event: ClientEvent): void {
    const message = JSON.stringify(event);
    if (this.socket.readyState === WebSocket.CONNECTING) this.pending.push(message);
    else if (this.socket.readyState === WebSocket.OPEN) this.socket.send(message);
  }

  onCommands(handler: (commands: Command[]) => void): void {
    this.commandHandler = handler;
  }

  onClose(handler: () => void): void {
    this.closeHandler = handler;
  }

  close(): void {
    this.socket.close();
  }
}
