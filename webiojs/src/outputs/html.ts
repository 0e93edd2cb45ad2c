import DOMPurify from 'dompurify';
import type { HtmlOutputSpec } from '../protocol';

/** The developer's own HTML (put_html): trusted, inserted as is. Scripts in it do not run.
 * With `sanitize`, it is cleaned by DOMPurify first. */
export function renderHtml(spec: HtmlOutputSpec): HTMLElement {
  const node = document.createElement('div');
  node.className = 'pywebio-html';
  if (spec.sanitize) node.appendChild(DOMPurify.sanitize(spec.content, { RETURN_DOM_FRAGMENT: true }));
  else node.innerHTML = spec.content;
  return node;
}
