// Which elements are the page's own outputs. User content (Markdown, HTML) may carry any id,
// the ids of outputs too (DOM clobbering): the page finds an output by id, then checks that the
// element is one it made.

/** The DOM id of output `id` (and of anchor marks). */
export function outputElementId(id: number): string {
  return 'pywebio-output-' + id;
}

/** The mark of the elements the page made for outputs (and anchor marks): a property no HTML can
 * set, so user content that carries the same ids (DOM clobbering) never has it. (A property, not a
 * WeakSet: adding 100,000 outputs to a WeakSet cost 65 ms.) */
const OWN = Symbol('pywebio output');

type Marked = Element & { [OWN]?: true };

function isOwn(element: Element): boolean {
  return (element as Marked)[OWN] === true;
}

/** Give `element` the id of output `id` and remember it as the page's own. */
export function markOutput(element: Element, id: number): void {
  element.id = outputElementId(id);
  (element as Marked)[OWN] = true;
}

/** The element of output `id` in `within` (the page, or a fragment not yet on it): the page's
 * own, never an element of user content that took its id. */
export function findOutput(id: number, within: Document | DocumentFragment = document): Element | null {
  const domId = outputElementId(id);
  const first = within.getElementById(domId);
  if (first === null || isOwn(first)) return first;
  for (const element of within.querySelectorAll(`[id="${domId}"]`)) {
    if (isOwn(element)) return element;
  }
  return null;
}
