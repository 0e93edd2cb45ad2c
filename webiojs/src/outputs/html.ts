import DOMPurify from 'dompurify';
import { runHtmlScriptsAfterFrame } from '../html_scripts';
import type { HtmlOutputSpec } from '../protocol';
import { SANITIZED_CLASS, SANITIZE_OPTIONS } from './sanitize';

/** The developer's own HTML (put_html): trusted, inserted as is. Its scripts run once the frame
 * is applied (html_scripts.ts). With `sanitize`, it is cleaned by DOMPurify first, scripts and all. */
export function renderHtml(spec: HtmlOutputSpec): HTMLElement {
  const node = document.createElement('div');
  node.className = 'pywebio-html';
  if (spec.sanitize) {
    node.classList.add(SANITIZED_CLASS);
    node.appendChild(DOMPurify.sanitize(spec.content, SANITIZE_OPTIONS));
  }
  else {
    node.innerHTML = spec.content;
    runHtmlScriptsAfterFrame(node);
  }
  return node;
}
