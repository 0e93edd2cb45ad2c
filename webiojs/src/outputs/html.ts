import type { HtmlOutputSpec } from '../protocol';

/** The developer's own HTML (put_html): trusted, inserted as is. Scripts in it do not run. */
export function renderHtml(spec: HtmlOutputSpec): HTMLElement {
  const node = document.createElement('div');
  node.className = 'pywebio-html';
  node.innerHTML = spec.content;
  return node;
}
