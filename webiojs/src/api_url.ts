// Where the page finds the server: `./io` beside the page, unless the `pywebio_api` URL
// parameter says otherwise (a relative path, an absolute path, or another server, with or
// without a scheme; `//host/path` follows the page's scheme). The page's `app` URL parameter
// (which app of a multi-app server to run) is passed on to the API URL.

export function apiUrl(location: Location = window.location): URL {
  const params = new URLSearchParams(location.search);
  const api = new URL(params.get('pywebio_api') || './io', location.href);
  const app = params.get('app');
  if (app !== null && !api.searchParams.has('app')) api.searchParams.set('app', app);
  return api;
}

/** The WebSocket address of an API URL: http becomes ws, https becomes wss. */
export function webSocketUrl(api: URL): string {
  const url = new URL(api.href);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  return url.href;
}
