// Where the page finds the server: `./io` beside the page (or the page's own URL, on a page that
// the API served: see `defaultApi`), unless the `pywebio_api` URL
// parameter says otherwise (a relative path, an absolute path, or another server, with or
// without a scheme; `//host/path` follows the page's scheme). The page's `app` URL parameter
// (which app of a multi-app server to run) is passed on to the API URL, and so is script mode's
// `pywebio_token`.
//
// A page that PyWebIO's server rendered (`data-pywebio-page="rendered"`) is an app's own page: a
// link must not point it at someone else's server, whose commands (run_js among them) would run
// in the app's origin. It connects only to its own host (any port) and to the origins its
// deployment lists (`config(api_origins=...)`, a <meta> of the page; never the URL). The bare
// static files take any `pywebio_api`: serving them on an origin of their own is what they are
// for (docs/deploy.md).

export function apiUrl(location: Location = window.location, page: Document = document): URL {
  const params = new URLSearchParams(location.search);
  const api = new URL(params.get('pywebio_api') || defaultApi(location, page), location.href);
  // which app of a multi-app server; script mode's launch token (docs/protocol.md)
  for (const name of ['app', 'pywebio_token']) {
    const value = params.get(name);
    if (value !== null && !api.searchParams.has(name)) api.searchParams.set(name, value);
  }
  return api;
}

/**
 * `./io`, or the page's own address (without its query) on a page that the API itself served: a
 * plain GET of `webio_handler`'s or `webio_view`'s URL gives the page, rendered with
 * `<meta name="pywebio-api" content="self">` (PyWebIO 1.x's way of mounting an app at one URL).
 */
function defaultApi(location: Location, page: Document): string {
  const meta = page.querySelector<HTMLMetaElement>('meta[name="pywebio-api"]');
  return meta?.content === 'self' ? location.origin + location.pathname : './io';
}

const API_SCHEMES = ['http:', 'https:', 'ws:', 'wss:'];

/** The origin of an http(s) or ws(s) URL, WebSocket schemes written as their HTTP ones. */
function httpOrigin(url: URL): string {
  const scheme = url.protocol === 'ws:' ? 'http:' : url.protocol === 'wss:' ? 'https:' : url.protocol;
  return new URL(`${scheme}//${url.host}`).origin; // the URL parser drops a default port
}

/** Null when the page may connect to `api`; otherwise the origin it refuses, for the message. */
export function refusedApi(api: URL, location: Location = window.location, page: Document = document): string | null {
  if (!API_SCHEMES.includes(api.protocol)) return api.protocol;
  if (page.documentElement.dataset.pywebioPage !== 'rendered') return null;
  if (api.hostname === location.hostname) return null;
  const listed = (page.querySelector<HTMLMetaElement>('meta[name="pywebio-api-origins"]')?.content ?? '').split(/\s+/);
  const origin = httpOrigin(api);
  for (const entry of listed) {
    try {
      if (entry && httpOrigin(new URL(entry)) === origin) return null;
    } catch {
      // not a URL: lists nothing
    }
  }
  return origin;
}

/** The WebSocket address of an API URL: http becomes ws, https becomes wss. */
export function webSocketUrl(api: URL): string {
  const url = new URL(api.href);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  return url.href;
}
