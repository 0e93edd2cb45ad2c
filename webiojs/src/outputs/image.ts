import type { ImageOutputSpec } from '../protocol';

const SAFE_SCHEMES = new Set(['http:', 'https:', 'blob:']);

function safeImageSrc(src: string): string | null {
  try {
    const url = new URL(src, document.baseURI);
    if (SAFE_SCHEMES.has(url.protocol)) return src;
    return url.protocol === 'data:' && /^data:image\//i.test(src.trim()) ? src : null;
  } catch {
    return null;
  }
}

/** An image; its title is its alt text. Sizes go through CSSOM, so they cannot inject styles. */
export function renderImage(spec: ImageOutputSpec): HTMLElement {
  const image = document.createElement('img');
  image.className = 'pywebio-image';
  image.alt = spec.title;
  if (spec.title) image.title = spec.title;
  if (spec.width !== null) image.style.width = spec.width;
  if (spec.height !== null) image.style.height = spec.height;
  const src = safeImageSrc(spec.src);
  if (src !== null) image.src = src;
  return image;
}
