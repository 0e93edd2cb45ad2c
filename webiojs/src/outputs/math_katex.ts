// The math typesetter of put_markdown(..., math=True): KaTeX, a chunk of its own, imported by
// ./markdown_math the first time a Markdown output holds math. It loads KaTeX's stylesheet
// (css/katex.css, whose fonts are css/fonts/KaTeX_*.woff2, all served with the page) before the
// first formula is drawn, so that no formula shows unstyled.
//
// It imports nothing of the main bundle at run time.

import katex, { type KatexOptions } from 'katex';

const OPTIONS: KatexOptions = {
  // Markdown may come from the app's visitors: no \href, \url, \includegraphics, \htmlClass...
  trust: false,
  // invalid TeX shows as its source, in the error colour, instead of stopping the output
  throwOnError: false,
  errorColor: 'var(--bs-form-invalid-color, #cc0000)',
  // no warnings in the console for TeX that LaTeX would reject but KaTeX draws
  strict: 'ignore',
  // a formula cannot grow to cover the page (\rule, \kern...: at most this many ems)
  maxSize: 100,
  output: 'htmlAndMathml',
};

/** css/katex.css (beside js/, this chunk being in js/chunks/); resolves when it has loaded or
 * failed (formulas then show unstyled rather than not at all). */
const stylesheet = new Promise<void>((resolve) => {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('../../css/katex.css', import.meta.url).href;
  link.onload = () => resolve();
  link.onerror = () => {
    console.error('PyWebIO: could not load the stylesheet', link.href);
    resolve();
  };
  document.head.appendChild(link);
});

/** Render each placeholder's TeX source (its text) in its place. */
export function typeset(places: HTMLElement[]): Promise<void> {
  return stylesheet.then(() => {
    for (const place of places) {
      const tex = place.textContent ?? '';
      try {
        katex.render(tex, place, { ...OPTIONS, displayMode: place.dataset.display === 'true' });
      } catch (error) {
        // not a TeX error (those are shown in place): keep the source as text
        place.textContent = tex;
        console.error('PyWebIO: could not typeset', tex, error);
      }
    }
  });
}
