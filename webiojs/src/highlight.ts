// The code highlighter: a chunk of its own, loaded by import() the first time code is shown.

import hljs from 'highlight.js/lib/common';

/** Colour the text of `code` as `language`; unknown languages stay plain. */
export function highlight(code: HTMLElement, language: string): void {
  if (!hljs.getLanguage(language) || code.dataset.highlighted) return;
  const result = hljs.highlight(code.textContent ?? '', { language, ignoreIllegals: true });
  code.innerHTML = result.value; // highlight.js escapes the text it wraps in spans
  code.classList.add('hljs');
  code.dataset.highlighted = 'yes';
}
