import type { TextOutputSpec } from '../protocol';

/** Text, never HTML. `inline` keeps the next output on the same line. */
export function renderText(spec: TextOutputSpec): HTMLElement {
  const node = document.createElement(spec.inline ? 'span' : 'p');
  node.className = 'pywebio-text';
  node.textContent = spec.content;
  return node;
}
