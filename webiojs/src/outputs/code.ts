import type { CodeOutputSpec } from '../protocol';

/** Preformatted code. The text is there at once; colours follow when the highlighter has loaded. */
export function renderCode(spec: CodeOutputSpec): HTMLElement {
  const pre = document.createElement('pre');
  pre.className = 'pywebio-code';
  const code = document.createElement('code');
  code.textContent = spec.content;
  pre.appendChild(code);
  if (typeof spec.rows === 'number' && spec.rows > 0) {
    // at most `rows` lines show; the rest scrolls, so the block must be reachable by keyboard
    pre.classList.add('pywebio-code-rows');
    pre.style.setProperty('--pywebio-code-rows', String(Math.floor(spec.rows)));
    pre.tabIndex = 0;
  }
  if (spec.language) highlightLater(code, spec.language);
  return pre;
}

/** Highlight `code` once the highlighter chunk is loaded (on first use, not with the page). */
export function highlightLater(code: HTMLElement, language: string): void {
  import('../highlight').then(
    ({ highlight }) => highlight(code, language),
    (error) => console.warn('PyWebIO: the code highlighter could not be loaded', error),
  );
}
