// Page settings that are not about output: `set_env` (1.x's page environment) and `page_config`
// (the app's configuration, for a page served as a static file; see docs/protocol.md).

import { formSettings } from './forms/form';
import { chooseLanguage, rightToLeft } from './i18n';
import type { PageConfigSpec, SetEnvSpec } from './protocol';
import { pageElements } from './page_elements';

/** The stylesheet of the theme: css/pywebio.css (the default theme), css/pywebio-NAME.css, or
 * their right-to-left builds (css/pywebio.rtl.css, css/pywebio-NAME.rtl.css); one per page. */
const THEME_STYLESHEET = /\/css\/pywebio(?:-([a-z]+))?(\.rtl)?\.css$/;

/** The link of the theme's stylesheet, its URL and the two halves of its name: the theme and
 * whether it is the right-to-left build. The link is marked the first time it is found, so that a
 * developer's stylesheet of a similar name is never taken for it. */
function themeStylesheet(): { link: HTMLLinkElement; url: URL; at: number; theme: string; rtl: boolean } | null {
  const url = (element: HTMLLinkElement): URL => new URL(element.href, document.baseURI);
  const marked = document.querySelectorAll<HTMLLinkElement>('link[data-pywebio-theme]');
  // the newest, while the one it replaces is still there
  const link = marked.length ? marked[marked.length - 1] : [...document.querySelectorAll<HTMLLinkElement>(
    'link[rel="stylesheet"]')].find((element) => THEME_STYLESHEET.test(url(element).pathname));
  const match = link && THEME_STYLESHEET.exec(url(link).pathname);
  if (!link || !match) return null;
  link.dataset.pywebioTheme = '';
  return { link, url: url(link), at: match.index, theme: match[1] ?? 'default', rtl: Boolean(match[2]) };
}

/** Load another theme (a name; 'default') or direction instead of the page's; undefined keeps
 * the page's. The previous stylesheet stays until the new one has loaded, so the page never
 * shows unstyled. */
function restyle(change: { theme?: string; rtl?: boolean }): void {
  const current = themeStylesheet();
  if (!current) return;
  const { link, url, at } = current;
  const theme = change.theme ?? current.theme;
  const rtl = change.rtl ?? current.rtl;
  url.pathname = url.pathname.slice(0, at) + `/css/pywebio${theme === 'default' ? '' : '-' + theme}${rtl ? '.rtl' : ''}.css`;
  if (url.href === link.href) return;
  const next = link.cloneNode() as HTMLLinkElement;
  next.href = url.href;
  const done = (): void => link.remove();
  next.addEventListener('load', done, { once: true });
  next.addEventListener('error', done, { once: true });
  link.after(next);
}

/**
 * Speak the language `choice` (a tag; null: the browser's): the words shown from now on, `<html
 * lang>`, and for a language written right to left `<html dir="rtl">` with Bootstrap's RTL
 * stylesheet. A page whose direction does not change keeps its `dir` (a developer's own too).
 * With `theme`, that theme's stylesheet is loaded at the same time.
 */
export function applyLanguage(choice: string | null, theme?: string): void {
  const root = document.documentElement;
  root.lang = chooseLanguage(choice);
  const rtl = rightToLeft();
  const was = themeStylesheet()?.rtl ?? false;
  if (rtl) root.dir = 'rtl';
  else if (was) root.removeAttribute('dir');
  if (rtl !== was || theme !== undefined) restyle({ rtl, theme });
}

export function setEnv(spec: SetEnvSpec): void {
  const { output, input } = pageElements;
  if (spec.output_animation !== undefined) output.classList.toggle('pywebio-animated', spec.output_animation);
  if (spec.output_max_width !== undefined) pageElements.root.style.maxWidth = spec.output_max_width;
  if (spec.input_auto_focus !== undefined) formSettings.autoFocus = spec.input_auto_focus;
  if (spec.input_panel_fixed !== undefined) input.classList.toggle('pywebio-input-fixed', spec.input_panel_fixed);
  if (spec.input_panel_init_height !== undefined) {
    input.style.setProperty('--pywebio-input-height', `${spec.input_panel_init_height}px`);
  }
  if (spec.input_panel_min_height !== undefined) {
    input.style.setProperty('--pywebio-input-min-height', `${spec.input_panel_min_height}px`);
  }
  if (spec.language !== undefined) applyLanguage(spec.language);
}

function addToHead(element: HTMLElement): void {
  document.head.appendChild(element);
}

function stylesheet(href: string): HTMLLinkElement {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  return link;
}

export function applyPageConfig(spec: PageConfigSpec): void {
  if (document.documentElement.dataset.pywebioPage === 'rendered') return; // the server applied it
  if (spec.title !== null) document.title = spec.title;
  if (spec.description !== null) {
    let meta = document.querySelector<HTMLMetaElement>('meta[name="description"]');
    if (!meta) {
      meta = document.createElement('meta');
      meta.name = 'description';
      addToHead(meta);
    }
    meta.content = spec.description;
  }
  if (spec.language) applyLanguage(spec.language, spec.theme ?? undefined);
  else if (spec.theme !== null) restyle({ theme: spec.theme });
  for (const href of spec.css_file) addToHead(stylesheet(href));
  if (spec.css_style !== null) {
    const style = document.createElement('style');
    style.textContent = spec.css_style;
    addToHead(style);
  }
  for (const src of spec.js_file) {
    const script = document.createElement('script');
    script.src = src;
    script.async = false; // in order, as in the rendered page
    addToHead(script);
  }
  if (spec.js_code !== null) {
    const script = document.createElement('script');
    script.textContent = spec.js_code;
    document.body.appendChild(script);
  }
}
