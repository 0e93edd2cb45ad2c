// jQuery as the globals `$` and `jQuery`, as PyWebIO 1.x's page had them, for the code of 1.x
// programs that uses them: run_js / eval_js code and put_html scripts such as
// `$('#pywebio-scope-A').css(...)`. Its own chunk, loaded only before the first such code runs
// (html_scripts.ts); a page that defines `$` or `jQuery` itself keeps its own.

import jQuery from 'jquery';

export function installJQuery(): void {
  const globals = window as unknown as Record<string, unknown>;
  globals.jQuery ??= jQuery;
  globals.$ ??= jQuery;
}
