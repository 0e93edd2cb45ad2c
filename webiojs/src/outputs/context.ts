import type { SessionLink } from '../session';

/** What a render function may use besides its spec. */
export interface RenderContext {
  session: SessionLink;
  /** The element of an output sent earlier, to move into a container; null if it is gone. */
  take(id: number): Element | null;
}
