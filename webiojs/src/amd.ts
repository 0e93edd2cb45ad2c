// A small AMD loader (`require`, `requirejs`, `define`), installed on the page the first time an
// html output's script calls `require([...])` or `require.config(...)`, as the chart embeds made
// for Jupyter's classic notebook do: pyecharts' render_notebook(), plotly's
// include_plotlyjs='require'. Loaded as its own chunk, so pages without such embeds never fetch it.
//
// What it does: define(name?, deps?, factory), require(deps, callback, errback), require('name')
// for a module already loaded, require.config({paths, shim, baseUrl}), require.undef(name).
// Modules are loaded by <script> from `paths` (`.js` appended) or, for names PyWebIO provides,
// from this server: 'echarts' and 'chartXkcd' (cutecharts) are served with PyWebIO (js/vendor/),
// and a path on another site for them is not used, so embeds draw offline. A module whose global already exists
// ('plotly' as window.Plotly, 'echarts' as window.echarts) is taken from there.
//
// `define.amd` is only visible to the scripts this loader inserted: libraries that a put_html
// loads with a plain <script> (UMD bundles check `define.amd`) keep setting their globals.

type Factory = ((...args: unknown[]) => unknown) | unknown;

interface Config {
  baseUrl?: string;
  paths?: Record<string, string | string[]>;
  shim?: Record<string, { deps?: string[]; exports?: string } | string[]>;
}

interface AmdRequire {
  (deps: string | string[], callback?: (...values: unknown[]) => void, errback?: (error: unknown) => void): unknown;
  config(config: Config): AmdRequire;
  undef(name: string): void;
  defined(name: string): boolean;
  specified(name: string): boolean;
}

/** Libraries PyWebIO serves itself, by module name, relative to this chunk (js/chunks/). */
const LOCAL: Record<string, string> = {
  echarts: new URL('../vendor/echarts.min.js', import.meta.url).href,
  chartXkcd: new URL('../vendor/chart.xkcd.js', import.meta.url).href,
};
/** The global a library sets when loaded without AMD. */
const GLOBALS: Record<string, string> = { echarts: 'echarts', plotly: 'Plotly', chartXkcd: 'chartXkcd' };

const MODULE_ATTRIBUTE = 'data-pywebio-amd-module';

const config: Required<Config> = { baseUrl: './', paths: {}, shim: {} };
/** name -> its exports, once known; a pending Promise while loading. */
const modules = new Map<string, Promise<unknown>>();
const ready = new Map<string, unknown>();
const settlers = new Map<string, { resolve(value: unknown): void; reject(error: unknown): void }>();
/** Modules whose define() was seen (a script may hold several named ones). */
const definedNames = new Set<string>();

function deferred(name: string): Promise<unknown> {
  let promise = modules.get(name);
  if (promise) return promise;
  promise = new Promise((resolve, reject) => settlers.set(name, { resolve, reject }));
  promise.then((value) => ready.set(name, value), () => undefined);
  modules.set(name, promise);
  return promise;
}

function settle(name: string, value: Promise<unknown>): void {
  deferred(name);
  const settler = settlers.get(name);
  if (!settler) return; // defined twice: the first one stays, as in RequireJS
  settlers.delete(name);
  value.then(settler.resolve, settler.reject);
}

function sameSite(url: string): boolean {
  try {
    return new URL(url, document.baseURI).origin === location.origin;
  } catch {
    return false;
  }
}

function urlOf(name: string): string | null {
  const configured = config.paths[name];
  let path = Array.isArray(configured) ? configured[0] : configured;
  if (LOCAL[name] && (!path || !sameSite(path))) return LOCAL[name];
  if (!path) {
    if (GLOBALS[name]) return null; // known only as a global, which is not there (yet)
    path = name;
  }
  const absolute = /^([a-z][a-z0-9+.-]*:|\/)/i.test(path);
  let url = absolute || path.endsWith('.js') ? path : config.baseUrl + path;
  if (!/\.js($|\?)/.test(url) && !url.includes('?')) url += '.js';
  return url;
}

function fromGlobal(name: string): unknown {
  const shim = config.shim[name];
  const key = (!Array.isArray(shim) && shim?.exports) || GLOBALS[name];
  return key ? (window as unknown as Record<string, unknown>)[key] : undefined;
}

function load(name: string): Promise<unknown> {
  if (modules.has(name)) return modules.get(name)!;
  const promise = deferred(name);
  const existing = GLOBALS[name] ? fromGlobal(name) : undefined;
  if (existing !== undefined) {
    settle(name, Promise.resolve(existing));
    return promise;
  }
  const url = urlOf(name);
  if (url === null) {
    settle(name, Promise.reject(new Error(`PyWebIO: no copy of '${name}' to load: put the library on the page first ` +
      `(for plotly: include_plotlyjs=True in the first chart), or give its path with require.config`)));
    return promise;
  }
  const shim = config.shim[name];
  const shimDeps = Array.isArray(shim) ? shim : shim?.deps ?? [];
  void Promise.all(shimDeps.map(load)).then(() => {
    const script = document.createElement('script');
    script.src = url;
    script.setAttribute(MODULE_ATTRIBUTE, name);
    script.addEventListener('load', () => {
      if (!definedNames.has(name)) settle(name, Promise.resolve(fromGlobal(name)));
    }, { once: true });
    script.addEventListener('error', () => {
      settle(name, Promise.reject(new Error(`PyWebIO: the module '${name}' could not be loaded from ${url}`)));
    }, { once: true });
    document.head.appendChild(script);
  }, (error) => settle(name, Promise.reject(error)));
  return promise;
}

/** The module the running script was loaded for, if this loader inserted it. */
function loadingModule(): string | null {
  const script = document.currentScript;
  return script instanceof HTMLScriptElement ? script.getAttribute(MODULE_ATTRIBUTE) : null;
}

function evaluate(name: string | null, deps: string[], factory: Factory): Promise<unknown> {
  const module = { id: name, exports: {} as unknown };
  const values = deps.map((dep) => {
    if (dep === 'require') return Promise.resolve(require);
    if (dep === 'exports') return Promise.resolve(module.exports);
    if (dep === 'module') return Promise.resolve(module);
    return load(dep);
  });
  return Promise.all(values).then((resolved) => {
    if (typeof factory !== 'function') return factory;
    const result = (factory as (...args: unknown[]) => unknown)(...resolved);
    return result === undefined ? module.exports : result;
  });
}

function define(...args: unknown[]): void {
  const name = typeof args[0] === 'string' ? (args.shift() as string) : null;
  const deps = Array.isArray(args[0]) ? (args.shift() as string[]) : null;
  const factory = args[0] as Factory;
  const usedDeps = deps ?? (typeof factory === 'function' && factory.length ? ['require', 'exports', 'module'] : []);
  const target = name ?? loadingModule();
  if (target === null) {
    console.error('PyWebIO: an anonymous define() outside a module this page loaded; it is ignored');
    return;
  }
  definedNames.add(target);
  settle(target, evaluate(target, usedDeps, factory));
}

const require = ((deps, callback, errback) => {
  if (typeof deps === 'string') {
    if (!ready.has(deps)) throw new Error(`PyWebIO: module '${deps}' has not been loaded yet; use require(['${deps}'], callback)`);
    return ready.get(deps);
  }
  void Promise.all(deps.map(load)).then(
    (values) => callback?.(...values),
    (error) => (errback ? errback(error) : console.error(error)),
  );
  return undefined;
}) as AmdRequire;

require.config = (given: Config) => {
  if (typeof given.baseUrl === 'string') config.baseUrl = given.baseUrl.endsWith('/') ? given.baseUrl : given.baseUrl + '/';
  Object.assign(config.paths, given.paths ?? {});
  Object.assign(config.shim, given.shim ?? {});
  return require;
};
require.undef = (name: string) => {
  modules.delete(name);
  ready.delete(name);
  settlers.delete(name);
  definedNames.delete(name);
};
require.defined = (name: string) => ready.has(name);
require.specified = (name: string) => modules.has(name);

const amdMarker = {};
Object.defineProperty(define, 'amd', {
  get: () => (loadingModule() !== null ? amdMarker : undefined),
  configurable: true,
});

/** Put `require`, `requirejs` and `define` on the page, unless the page has a loader already. */
export function installAmd(): void {
  const page = window as unknown as Record<string, unknown>;
  if (typeof page.require === 'function' || typeof page.define === 'function') return;
  page.require = require;
  page.requirejs = require;
  page.define = define;
}
