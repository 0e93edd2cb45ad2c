import type { LinkOutputSpec } from '../protocol';

const UNSAFE_SCHEMES = new Set(['javascript:', 'vbscript:', 'data:']);

/** `url` if it may be a link's href, else null. The URL parser sees through "java\tscript:". */
export function safeHref(url: string): string | null {
  try {
    return UNSAFE_SCHEMES.has(new URL(url, document.baseURI).protocol) ? null : url;
  } catch {
    return null;
  }
}

export function renderLink(spec: LinkOutputSpec): HTMLElement {
  const link = document.createElement('a');
  link.className = 'pywebio-link';
  link.textContent = spec.name;
  const href = safeHref(spec.url);
  if (href !== null) link.href = href;
  if (spec.new_window) {
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
  }
  return link;
}
