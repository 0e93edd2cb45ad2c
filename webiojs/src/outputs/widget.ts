// put_widget: the developer's Mustache template, rendered with mustache.js. Outputs embedded in
// the data ({"$output": id}) are shown where the template says {{& pywebio_output_parse}}.

import Mustache from 'mustache';
import type { WidgetOutputSpec } from '../protocol';
import type { RenderContext } from './context';

const SLOT = 'data-pywebio-slot';

function embeddedId(value: unknown): number | null {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const id = (value as Record<string, unknown>)['$output'];
    if (typeof id === 'number') return id;
  }
  return null;
}

/** Every embedded output id in `data`, in order. */
function collectIds(data: unknown, into: number[]): number[] {
  const id = embeddedId(data);
  if (id !== null) into.push(id);
  else if (Array.isArray(data)) for (const item of data) collectIds(item, into);
  else if (data !== null && typeof data === 'object') for (const item of Object.values(data)) collectIds(item, into);
  return into;
}

export function renderWidget(spec: WidgetOutputSpec, context: RenderContext): HTMLElement {
  const node = document.createElement('div');
  node.className = 'pywebio-widget';
  // a slot's mark is unguessable, so a value shown with {{{ }}} cannot pose as one
  const nonce = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const view = {
    ...spec.data,
    // called by mustache.js with `this` the innermost section's value
    pywebio_output_parse(this: unknown): string {
      const id = embeddedId(this);
      if (id !== null) return `<span ${SLOT}="${nonce}-${id}"></span>`;
      if (typeof this === 'string' || typeof this === 'number') return Mustache.escape(String(this));
      return '';
    },
  };
  node.innerHTML = Mustache.render(spec.template, view);
  const placed = new Set<number>();
  for (const slot of node.querySelectorAll(`[${SLOT}^="${nonce}-"]`)) {
    const id = Number(slot.getAttribute(SLOT)!.slice(nonce.length + 1));
    const output = placed.has(id) ? null : context.take(id);
    placed.add(id);
    if (output) slot.replaceWith(output);
    else slot.remove();
  }
  // outputs the template does not show are not shown at all (as in PyWebIO 1.x)
  for (const id of collectIds(spec.data, [])) {
    if (!placed.has(id)) context.take(id)?.remove();
  }
  return node;
}
