// Routes each command of a frame to its handler. A whole frame is applied in one go, then the
// page scrolls once.

import type { Command, CommandName } from './protocol';
import type { SessionLink } from './session';

/** What a handler did to the page, so the dispatcher knows where to scroll afterwards:
 * output added at the end, a new form, or an explicit scroll (which wins over auto-scroll). */
export type Effect = 'output' | 'form' | 'scrolled' | void;

type HandlerOf<N extends CommandName> = (command: Extract<Command, { command: N }>, session: SessionLink) => Effect;
type Handlers = { [N in CommandName]?: HandlerOf<N> };

/** Handlers of commands that act on one kind of output (set_progressbar...), registered by the
 * module that renders that output, so the entry point need not know them. Handlers given to
 * `Dispatcher.on` take precedence. */
const outputHandlers: Handlers = {};

export function handleOutputCommand<N extends CommandName>(name: N, handler: HandlerOf<N>): void {
  (outputHandlers as Record<string, unknown>)[name] = handler;
}

export class Dispatcher {
  private handlers: Handlers = {};

  constructor(private session: SessionLink, private onFrameApplied: (effects: Set<Effect>) => void) {}

  on<N extends CommandName>(name: N, handler: HandlerOf<N>): this {
    (this.handlers as Record<string, unknown>)[name] = handler;
    return this;
  }

  dispatch(commands: Command[]): void {
    const effects = new Set<Effect>();
    for (const command of commands) {
      const name = command?.command;
      const handler = (this.handlers[name] ?? outputHandlers[name]) as HandlerOf<CommandName> | undefined;
      if (!handler) {
        console.warn('PyWebIO: ignored an unknown command', command);
        continue;
      }
      try {
        effects.add(handler(command as never, this.session));
      } catch (error) {
        console.error('PyWebIO: a command failed', command, error);
      }
    }
    this.onFrameApplied(effects);
  }
}
