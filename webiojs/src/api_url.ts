// Where the page finds the server: `./io` beside the page, unless the `pywebio_api` URL
// parameter says otherwise (a relative path, an absolute path, or another server, with or
// without a scheme; `//host/path` follows the page's scheme).

export function apiUrl(location: Location = window.location): URL {
  const given = new URLSearchParams(location.search).get('pywebio_api');
  return new URL(given || './io', location.href);
}

/** The WebSocket address of an API URL: http becomes ws, https becomes wss. */
export function webSocketUrl(api: URL): string {
  const url = new URL(api.href);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  return url.href;
}
