import type { SessionLink } from '../session';

/** What a render function may use besides its spec. */
export interface RenderContext {
  session: SessionLink;
  /** The element of an output sent earlier, to move into a container; null if it is gone. */
  take(id: number): Element | null;
  /** Make `element` the box (a scope) called `name`: output sent with `"scope": name` goes into it. */
  registerBox(name: string, element: Element): void;
}
