// Running the <script> elements of put_html output (docs/protocol.md, "Scripts in `html`
// outputs"). HTML set with innerHTML never runs its scripts, so each script is replaced by a
// fresh copy made with createElement, which the browser runs when it enters the document.
//
// Jobs of a frame (html outputs rendered, run_script commands that must wait) collect in
// `pending` while the frame is applied; `startFrameScripts` moves them to the queue once the
// frame's output is in its final place. The queue runs synchronously until a `src` script must
// load; it resumes when that script has loaded (or failed to). An output whose scripts call
// `require([...])` or `require.config` first waits for the AMD loader (amd.ts), loaded on first use;
// one that uses jQuery's `$` (as 1.x's page had it) first waits for jQuery (jquery_global.ts).

/** A step of the queue: returns a Promise when the queue must wait for it. */
type Job = () => Promise<void> | void;

let pending: Job[] = [];
const queue: Job[] = [];
let waiting = false;

const JS_TYPES = new Set([
  '', 'module', 'text/javascript', 'application/javascript', 'text/ecmascript', 'application/ecmascript',
  'application/x-javascript', 'application/x-ecmascript', 'text/x-javascript', 'text/x-ecmascript',
  'text/jscript', 'text/livescript', 'text/javascript1.0', 'text/javascript1.1', 'text/javascript1.2',
  'text/javascript1.3', 'text/javascript1.4', 'text/javascript1.5',
]);

/** Whether the browser would run this script (a JavaScript type, and not `nomodule`). */
function runnable(script: HTMLScriptElement): boolean {
  const type = (script.getAttribute('type') ?? '').trim().toLowerCase();
  const language = script.getAttribute('language');
  if (!script.hasAttribute('type') && language !== null && language !== '') {
    if (!JS_TYPES.has('text/' + language.trim().toLowerCase())) return false;
  } else if (!JS_TYPES.has(type)) return false;
  return !script.noModule;
}

/** Run one script: replace it by a copy that runs. A Promise when it has a `src` to wait for. */
function runScript(old: HTMLScriptElement): Promise<void> | void {
  if (!old.isConnected) return;
  const fresh = document.createElement('script');
  for (const attribute of old.attributes) fresh.setAttribute(attribute.name, attribute.value);
  fresh.text = old.text;
  if (!fresh.hasAttribute('src')) {
    old.replaceWith(fresh); // an inline script runs now, synchronously
    return;
  }
  const loaded = new Promise<void>((resolve) => {
    fresh.addEventListener('load', () => resolve(), { once: true });
    fresh.addEventListener('error', () => {
      console.error('PyWebIO: a script of put_html() failed to load:', fresh.src);
      resolve();
    }, { once: true });
  });
  old.replaceWith(fresh);
  return loaded;
}

function pump(): void {
  while (!waiting && queue.length) {
    const job = queue.shift()!;
    let wait: Promise<void> | void;
    try {
      wait = job();
    } catch (error) {
      console.error('PyWebIO: a script failed', error); // inline scripts report their own errors
      continue;
    }
    if (wait) {
      waiting = true;
      void wait.then(() => {
        waiting = false;
        pump();
      });
    }
  }
}

/** An AMD call, as notebook chart embeds make: `require([...], ...)`, `require.config(...)`. */
const AMD_CALL = /\brequire(?:js)?\s*(?:\(\s*\[|\.\s*config\s*\()/;
let amd: Promise<void> | null = null;

/** Install the AMD loader (amd.ts, its own chunk) before the first script that needs it runs. */
function loadAmd(): Promise<void> {
  amd ??= import('./amd').then(({ installAmd }) => installAmd(), (error) => {
    console.error('PyWebIO: the AMD loader (require) could not load', error);
  });
  return amd;
}

/** Code that uses jQuery as 1.x's page provided it: `$(...)`, `$.fn`, `jQuery(...)`. */
const JQUERY_USE = /(?:^|[^\w$.])(?:\$|jQuery)\s*[(.]/;
let jquery: Promise<void> | null = null;

function needsJQuery(code: string): boolean {
  const globals = window as unknown as Record<string, unknown>;
  return jquery === null && globals.$ === undefined && globals.jQuery === undefined && JQUERY_USE.test(code);
}

/** Install jQuery (jquery_global.ts, its own chunk) before the first code that uses it runs. */
function loadJQuery(): Promise<void> {
  jquery ??= import('./jquery_global').then(({ installJQuery }) => installJQuery(), (error) => {
    console.error('PyWebIO: jQuery could not load', error);
  });
  return jquery;
}

/** Run the scripts of `node` (an html output) once the current frame is applied. */
export function runHtmlScriptsAfterFrame(node: Element): void {
  if (!node.getElementsByTagName('script').length) return;
  pending.push(() => {
    if (!node.isConnected) return;
    const scripts = [...node.getElementsByTagName('script')].filter(
      (script): script is HTMLScriptElement => script instanceof HTMLScriptElement && runnable(script),
    );
    const jobs: Job[] = scripts.map((script) => () => runScript(script));
    if (scripts.some((script) => !script.src && AMD_CALL.test(script.text))) jobs.unshift(loadAmd);
    if (scripts.some((script) => !script.src && needsJQuery(script.text))) jobs.unshift(loadJQuery);
    queue.unshift(...jobs);
  });
}

/** Run `action` now, or after the html scripts sent before it when some have not run yet; when
 * `code` (the action's JavaScript) uses jQuery, after jQuery has loaded. */
export function afterHtmlScripts(action: () => void, code = ''): void {
  if (needsJQuery(code)) pending.push(loadJQuery, action);
  else if (!pending.length && !queue.length && !waiting) action();
  else pending.push(action);
}

/** The frame is applied: start its html scripts (after those of earlier frames). */
export function startFrameScripts(): void {
  if (!pending.length) return;
  queue.push(...pending);
  pending = [];
  pump();
}
