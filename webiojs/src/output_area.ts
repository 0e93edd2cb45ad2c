// The output area: where outputs go (the end, or around anchors), the anchors themselves,
// clearing, scrolling, fixed height and auto-scroll.
//
// Speed: outputs are kept in chunks of CHUNK_SIZE (plain <div>s), so adding output at the end
// lays out the last chunk and the list of chunks, not every output of a long page. New chunks
// collect in a DocumentFragment, appended once per frame (`flush`). Nothing forces a
// layout while frames arrive: "is the person at the bottom?" is read only when the browser has
// rendered since the last change (layout is then up to date and the read is free), and the
// scroll that follows new output waits for the next animation frame, so many frames arriving
// between two paints cost one layout, not one each.

import type { OutputSpec, ScrollPosition } from './protocol';
import { type RenderContext, renderOutput } from './outputs/index';
import { findOutput, markOutput } from './outputs/own';
import type { SessionLink } from './session';
import { t } from './i18n';

/** Outputs per chunk of the output area. */
const CHUNK_SIZE = 500;

/** Output elements that flow in a line: a chunk never ends after one, so inline text stays joined. */
const INLINE_TAGS = new Set(['SPAN', 'A', 'IMG']);

/** How close to the bottom (in pixels) still counts as "at the bottom". */
const BOTTOM_SLACK = 48;

/** The name of the output area as a box (1.x's root scope). */
const ROOT = 'ROOT';

const CHUNK_CLASS = 'pywebio-chunk';

const BLOCK: Record<ScrollPosition, ScrollLogicalPosition> = { top: 'start', middle: 'center', bottom: 'end' };

export class OutputArea {
  private pending: DocumentFragment = document.createDocumentFragment();
  private anchors = new Map<string, Element>();
  /** Scopes and the bodies of containers, by name (the output area itself is ROOT). */
  private boxes = new Map<string, Element>();
  private autoScroll = true;
  private fixedHeight = false;
  /** Nothing changed since the last animation frame: reading layout costs nothing. */
  private rendered = true;
  /** Whether output added at the end now should be followed (the person was at the bottom). */
  private following = true;
  private followScheduled = false;
  /** The chunk outputs last went to and how many elements it holds: childElementCount walks the
   * chunk's children (65 ms over 100,000 outputs). Forgotten when outputs are removed or placed
   * elsewhere, so that it never counts wrong for long. */
  private countedChunk: Element | null = null;
  private counted = 0;
  readonly context: RenderContext;

  constructor(readonly container: HTMLElement, session: SessionLink) {
    this.context = {
      session,
      take: (id) => this.take(id),
      registerBox: (name, element) => void this.boxes.set(name, element),
    };
  }

  /** Render an output and place it; true when it went to the end of a box. */
  add(spec: OutputSpec): boolean {
    const node = renderOutput(spec, this.context);
    const name = spec.anchor;
    const replaced = name === undefined ? null : this.anchorElement(name);
    let atEnd = false;
    if (replaced || spec.before !== undefined || spec.after !== undefined || spec.before_id !== undefined) {
      this.countedChunk = null; // the output may go into the last chunk, past the count
    }
    if (replaced) {
      replaced.replaceWith(node);
    } else if (spec.before !== undefined || spec.after !== undefined) {
      const reference = this.anchorElement((spec.before ?? spec.after)!);
      if (!reference) {
        console.warn('PyWebIO: no anchor named', spec.before ?? spec.after);
        this.appendAtEnd(node);
      } else if (spec.before !== undefined) reference.before(node);
      else reference.after(node);
    } else if (spec.before_id !== undefined && this.take(spec.before_id)) {
      this.take(spec.before_id)!.before(node);
    } else {
      atEnd = this.appendTo(spec.scope, node);
    }
    if (name !== undefined) this.anchors.set(name, node);
    return atEnd;
  }

  /** Append to the end of a box (the output area when `scope` is absent); false if there is no such box. */
  private appendTo(scope: string | undefined, node: Element): boolean {
    if (scope === undefined || scope === ROOT) {
      this.appendAtEnd(node);
      return true;
    }
    const box = this.boxes.get(scope);
    if (!box) {
      console.warn('PyWebIO: no scope named', scope);
      return false;
    }
    box.appendChild(node);
    return true;
  }

  private appendAtEnd(node: Element): void {
    let chunk = this.pending.lastElementChild ?? this.container.lastElementChild;
    if (chunk !== this.countedChunk) {
      this.countedChunk = chunk;
      this.counted = chunk ? chunk.childElementCount : 0;
    }
    const last = chunk?.lastElementChild;
    if (!chunk || (this.counted >= CHUNK_SIZE && !(last && INLINE_TAGS.has(last.tagName)))) {
      chunk = document.createElement('div');
      chunk.className = CHUNK_CLASS;
      this.pending.appendChild(chunk);
      this.countedChunk = chunk;
      this.counted = 0;
    }
    chunk.appendChild(node);
    this.counted += 1;
  }

  /** Move the pending chunks into the page. */
  flush(): void {
    if (this.pending.firstChild) this.container.appendChild(this.pending);
  }

  /** The element of output `id` (or of an anchor mark), on the page or pending. */
  take(id: number): Element | null {
    return findOutput(id) ?? findOutput(id, this.pending);
  }

  private anchorElement(name: string): Element | null {
    const element = this.anchors.get(name);
    return element && (element.isConnected || this.pending.contains(element)) ? element : null;
  }

  private requireAnchor(name: string): Element | null {
    this.flush();
    const element = this.anchorElement(name);
    if (!element) console.warn('PyWebIO: no anchor named', name);
    return element;
  }

  /** The element of a named output, by its id (preferred) or its anchor name. */
  private named(name: string, id: number | undefined): Element | null {
    this.flush();
    const element = id !== undefined ? this.take(id) : this.anchorElement(name);
    if (!element) console.warn('PyWebIO: nothing named', name, 'on the page');
    return element;
  }

  /** The box element an output sits in: the output area for outputs in its chunks. */
  private boxOf(element: Element): Element {
    const parent = element.parentElement!;
    return parent.classList.contains(CHUNK_CLASS) && parent.parentElement === this.container ? this.container : parent;
  }

  // -- anchors and scopes ---------------------------------------------------------------------

  setAnchor(name: string, id: number, scope?: string): void {
    const mark = document.createElement('div');
    mark.className = 'pywebio-anchor';
    markOutput(mark, id);
    this.appendTo(scope, mark);
    this.anchors.set(name, mark);
  }

  clearBefore(name: string, id: number): void {
    const anchor = this.named(name, id);
    if (!anchor) return;
    const range = document.createRange();
    range.setStart(this.boxOf(anchor), 0);
    range.setEndBefore(anchor);
    this.deleteRange(range);
  }

  clearAfter(name: string, id: number): void {
    const anchor = this.named(name, id);
    if (!anchor) return;
    const box = this.boxOf(anchor);
    const range = document.createRange();
    range.setStartAfter(anchor);
    range.setEnd(box, box.childNodes.length);
    this.deleteRange(range);
  }

  clearRange(start: string, end: string): void {
    const first = this.requireAnchor(start);
    const last = this.requireAnchor(end);
    if (!first || !last) return;
    if (!(first.compareDocumentPosition(last) & Node.DOCUMENT_POSITION_FOLLOWING)) return;
    const range = document.createRange();
    range.setStartAfter(first);
    range.setEndBefore(last);
    this.deleteRange(range);
  }

  remove(name: string | undefined, id: number): void {
    const element = this.named(name ?? '#' + id, id);
    if (!element) return;
    const chunk = element.parentElement;
    element.remove();
    if (chunk?.classList.contains(CHUNK_CLASS) && !chunk.firstChild) chunk.remove();
    this.forgetDetached();
  }

  /** Empty a box (the whole output area for ROOT). */
  clear(scope: string): void {
    this.flush();
    const box = scope === ROOT ? this.container : this.boxes.get(scope);
    if (!box) {
      console.warn('PyWebIO: no scope named', scope);
      return;
    }
    box.replaceChildren();
    this.forgetDetached();
  }

  private deleteRange(range: Range): void {
    range.deleteContents(); // keeps the chunks at the two ends, emptied of what was in the range
    for (const chunk of [...this.container.children]) {
      if (!chunk.firstChild) chunk.remove();
    }
    this.forgetDetached();
  }

  /** Forget the names of elements that left the page (the server has forgotten them too). */
  private forgetDetached(): void {
    this.countedChunk = null;
    for (const map of [this.anchors, this.boxes]) {
      for (const [name, element] of map) {
        if (!element.isConnected) map.delete(name);
      }
    }
  }

  scrollTo(name: string, id: number | undefined, position: ScrollPosition): void {
    const element = name === ROOT && id === undefined ? this.container : this.named(name, id);
    element?.scrollIntoView({ block: BLOCK[position] ?? 'start' });
  }

  // -- output objects -------------------------------------------------------------------------

  style(id: number, css: string): void {
    const element = this.take(id);
    if (element instanceof HTMLElement || element instanceof SVGElement) {
      element.style.cssText += ';' + css;
    }
  }

  /** A click on output `id`, or Enter/Space when it has the focus, sends a callback event. */
  onClick(id: number, callbackId: string): void {
    const element = this.take(id);
    if (!(element instanceof HTMLElement)) return;
    const fire = (): void => this.context.session.send({ event: 'callback', task_id: callbackId, data: null });
    element.addEventListener('click', fire);
    element.classList.add('pywebio-clickable');
    if (!element.matches('button, a[href], input, select, textarea')) {
      element.tabIndex = 0;
      element.setAttribute('role', 'button');
      element.addEventListener('keydown', (event) => {
        if (event.target === element && (event.key === 'Enter' || event.key === ' ')) {
          event.preventDefault();
          fire();
        }
      });
    }
  }

  // -- page settings --------------------------------------------------------------------------

  setAutoScroll(enabled: boolean): void {
    this.autoScroll = enabled;
  }

  setFixedHeight(enabled: boolean): void {
    this.fixedHeight = enabled;
    const area = this.container;
    area.classList.toggle('pywebio-fixed-height', enabled);
    if (enabled) {
      area.tabIndex = 0; // a scrolling region must be reachable by keyboard
      area.setAttribute('role', 'region');
      area.setAttribute('aria-label', t('output'));
    } else {
      area.removeAttribute('tabindex');
      area.removeAttribute('role');
      area.removeAttribute('aria-label');
    }
  }

  private scroller(): Element {
    return this.fixedHeight ? this.container : (document.scrollingElement ?? document.documentElement);
  }

  private isAtBottom(): boolean {
    const box = this.scroller();
    return box.scrollHeight - box.scrollTop - box.clientHeight <= BOTTOM_SLACK;
  }

  /** Before applying a frame: note whether the person is at the bottom, if that is free to know.
   * (Otherwise an earlier frame of the same animation frame has decided already.) */
  beforeFrame(): void {
    if (this.rendered) this.following = this.isAtBottom();
  }

  /** After applying a frame: put pending output in the page; follow output added at the end on
   * the next animation frame, unless the frame scrolled on purpose. */
  afterFrame(addedAtEnd: boolean, scrolled: boolean): void {
    this.flush();
    if (scrolled) this.followScheduled = false;
    else if (addedAtEnd && this.autoScroll && this.following) this.followScheduled = true;
    if (!this.rendered) return;
    this.rendered = false;
    requestAnimationFrame(() => {
      this.rendered = true;
      if (!this.followScheduled) return;
      this.followScheduled = false;
      if (!this.autoScroll) return;
      const box = this.scroller();
      box.scrollTo({ top: box.scrollHeight, behavior: 'instant' });
    });
  }
}
