// The output area: where outputs go (the end, or around anchors), the anchors themselves,
// clearing, scrolling, fixed height and auto-scroll.
//
// Speed: outputs added at the end of the area collect in a DocumentFragment, which is appended
// once per frame (`flush`), so a frame of 10,000 outputs costs one insertion and one layout.
// Anything that needs the real DOM flushes first. Nothing here reads layout except
// `followsBottom` (once, before a frame) and the scrolling after it.

import type { OutputSpec, ScrollPosition } from './protocol';
import { type RenderContext, outputElementId, renderOutput } from './outputs/index';
import type { SessionLink } from './session';
import { t } from './i18n';

/** How close to the bottom (in pixels) still counts as "at the bottom". */
const BOTTOM_SLACK = 48;

const BLOCK: Record<ScrollPosition, ScrollLogicalPosition> = { top: 'start', middle: 'center', bottom: 'end' };

export class OutputArea {
  private pending: DocumentFragment = document.createDocumentFragment();
  private anchors = new Map<string, Element>();
  private autoScroll = true;
  private fixedHeight = false;
  readonly context: RenderContext;

  constructor(readonly container: HTMLElement, session: SessionLink) {
    this.context = { session, take: (id) => this.take(id) };
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
        this.pending.appendChild(node);
      } else if (spec.before !== undefined) reference.before(node);
      else reference.after(node);
    } else {
      this.pending.appendChild(node);
      atEnd = true;
    }
    if (name !== undefined) this.anchors.set(name, node);
    return atEnd;
  }

  /** Move the pending outputs into the page. */
  flush(): void {
    if (this.pending.firstChild) this.container.appendChild(this.pending);
  }

  private take(id: number): Element | null {
    const domId = outputElementId(id);
    return document.getElementById(domId) ?? this.pending.getElementById(domId);
  }

  private anchorElement(name: string): Element | null {
    const element = this.anchors.get(name);
    if (!element) return null;
    const parent = element.parentNode;
    return parent === this.container || parent === this.pending ? element : null;
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
    this.pending.appendChild(mark);
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
    this.requireAnchor(name)?.remove();
    this.anchors.delete(name);
  }

  private deleteRange(range: Range): void {
    range.deleteContents();
    for (const [name, element] of this.anchors) {
      if (element.parentNode !== this.container) this.anchors.delete(name);
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

  /** Read before a frame (the only layout read of a frame): is the person at the bottom? */
  isAtBottom(): boolean {
    const box = this.scroller();
    return box.scrollHeight - box.scrollTop - box.clientHeight <= BOTTOM_SLACK;
  }

  /** After a frame that added output at the end: follow it, if auto-scroll is on (as the frame
   * left it) and the person was at the bottom before the frame. */
  follow(wasAtBottom: boolean): void {
    if (!this.autoScroll || !wasAtBottom) return;
    const box = this.scroller();
    box.scrollTo({ top: box.scrollHeight, behavior: 'instant' });
  }
}
