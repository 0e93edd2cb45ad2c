// Which elements are the page's own outputs. User content (Markdown, HTML) may carry any id,
// the ids of outputs too (DOM clobbering): the page finds an output by id, then checks that the
// element is one it made.

/** The DOM id of output `id` (and of anchor marks). */
export function outputElementId(id: number): string {
  return 'pywebio-output-' + id;
}

/** The elements the page made for outputs (and anchor marks). User content may carry the same
 * ids (DOM clobbering): an element found by id counts only if it is one of these. */
const ownOutputs = new WeakSet<Element>();

/** Give `element` the id of output `id` and remember it as the page's own. */
export function markOutput(element: Element, id: number): void {
  element.id = outputElementId(id);
  ownOutputs.add(element);
}

/** The element of output `id` in `within` (the page, or a fragment not yet on it): the page's
 * own, never an element of user content that took its id. */
export function findOutput(id: number, within: Document | DocumentFragment = document): Element | null {
  const domId = outputElementId(id);
  const first = within.getElementById(domId);
  if (first === null || ownOutputs.has(first)) return first;
  for (const element of within.querySelectorAll(`[id="${domId}"]`)) {
    if (ownOutputs.has(element)) return element;
  }
  return null;
}
