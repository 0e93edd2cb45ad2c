// Page settings that are not about output: `set_env` (1.x's page environment) and `page_config`
// (the app's configuration, for a page served as a static file; see docs/protocol.md).

import { formSettings } from './forms/form';
import type { PageConfigSpec, SetEnvSpec } from './protocol';
import { pageElements } from './page_elements';

/** The stylesheet of the default theme; theme NAME is pywebio-NAME.css beside it. */
const DEFAULT_STYLESHEET = 'css/pywebio.css';

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
  if (spec.theme !== null) {
    const link = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')]
      .find((element) => element.getAttribute('href')?.endsWith(DEFAULT_STYLESHEET));
    if (link) link.href = new URL(`pywebio-${spec.theme}.css`, link.href).href;
  }
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
