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
import { type RenderContext, outputElementId, renderOutput } from './outputs/index';
import type { SessionLink } from './session';
import { t } from './i18n';

/** Outputs per chunk of the output area. */
const CHUNK_SIZE = 500;

/** Output elements that flow in a line: a chunk never ends after one, so inline text stays joined. */
const INLINE_TAGS = new Set(['SPAN', 'A', 'IMG']);

/** How close to the bottom (in pixels) still counts as "at the bottom". */
const BOTTOM_SLACK = 48;

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
  readonly context: RenderContext;

  constructor(readonly container: HTMLElement, session: SessionLink) {
    this.context = { session, take: (id) => this.take(id), registerBox: (name, element) => this.boxes.set(name, element) };
  }

  /** Render an output and place it; true when it went to the end of the area. */
  add(spec: OutputSpec): boolean {
    const node = renderOutput(spec, this.context);
    const name = spec.anchor;
    const replaced = name === undefined ? null : this.anchorElement(name);
    let atEnd = false;
    if (replaced) {
      replaced.replaceWith(node);
    } else if (spec.before !== undefined || spec.after !== undefined) {
      const reference = this.anchorElement((spec.before ?? spec.after)!);
      if (!reference) {
        console.warn('PyWebIO: no anchor named', spec.before ?? spec.after);
        this.appendAtEnd(node);
      } else if (spec.before !== undefined) reference.before(node);
      else reference.after(node);
    } else {
      this.appendAtEnd(node);
      atEnd = true;
    }
    if (name !== undefined) this.anchors.set(name, node);
    return atEnd;
  }

  private appendAtEnd(node: Element): void {
    let chunk = this.pending.lastElementChild ?? this.container.lastElementChild;
    const last = chunk?.lastElementChild;
    if (!chunk || (chunk.childElementCount >= CHUNK_SIZE && !(last && INLINE_TAGS.has(last.tagName)))) {
      chunk = document.createElement('div');
      chunk.className = 'pywebio-chunk';
      this.pending.appendChild(chunk);
    }
    chunk.appendChild(node);
  }

  /** Move the pending chunks into the page. */
  flush(): void {
    if (this.pending.firstChild) this.container.appendChild(this.pending);
  }

  private take(id: number): Element | null {
    const domId = outputElementId(id);
    return document.getElementById(domId) ?? this.pending.getElementById(domId);
  }

  private anchorElement(name: string): Element | null {
    const element = this.anchors.get(name);
    const area = element?.parentNode?.parentNode; // output -> chunk -> area
    return area === this.container || area === this.pending ? element! : null;
  }

  private requireAnchor(name: string): Element | null {
    this.flush();
    const element = this.anchorElement(name);
    if (!element) console.warn('PyWebIO: no anchor named', name);
    return element;
  }

  // -- anchors --------------------------------------------------------------------------------

  setAnchor(name: string): void {
    const mark = document.createElement('div');
    mark.className = 'pywebio-anchor';
    this.appendAtEnd(mark);
    this.anchors.set(name, mark);
  }

  clearBefore(name: string): void {
    const anchor = this.requireAnchor(name);
    if (!anchor) return;
    const range = document.createRange();
    range.setStart(this.container, 0);
    range.setEndBefore(anchor);
    this.deleteRange(range);
  }

  clearAfter(name: string): void {
    const anchor = this.requireAnchor(name);
    if (!anchor) return;
    const range = document.createRange();
    range.setStartAfter(anchor);
    range.setEnd(this.container, this.container.childNodes.length);
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

  remove(name: string): void {
    const element = this.requireAnchor(name);
    const chunk = element?.parentNode;
    element?.remove();
    if (chunk && !chunk.firstChild) (chunk as Element).remove();
    this.anchors.delete(name);
  }

  private deleteRange(range: Range): void {
    range.deleteContents(); // keeps the chunks at the two ends, emptied of what was in the range
    for (const chunk of [...this.container.children]) {
      if (!chunk.firstChild) chunk.remove();
    }
    for (const [name, element] of this.anchors) {
      if (element.parentNode?.parentNode !== this.container) this.anchors.delete(name);
    }
  }

  scrollTo(name: string, position: ScrollPosition): void {
    this.requireAnchor(name)?.scrollIntoView({ block: BLOCK[position] ?? 'start' });
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
