// Outputs that are boxes, or hold one: later output sent with `"scope": <box>` goes into them
// (docs/protocol.md, "Scopes and containers"). Their first content is a list of cells.

import type { Cell, CollapseOutputSpec, ScopeOutputSpec, ScrollableOutputSpec } from '../protocol';
import type { RenderContext } from './context';
import { fillCell } from './table';
import { t } from '../i18n';
import { keepsWorkingOffline } from '../session';

let collapseCount = 0;

function fillBox(box: Element, content: Cell[] | undefined, context: RenderContext): void {
  for (const cell of content ?? []) fillCell(box, cell, context);
}

/** A scope: a plain block that holds outputs. The output's element wraps the box, which has
 * 1.x's id `pywebio-scope-NAME` that programs' own CSS and run_js select on (the output's element
 * has the page's own id). */
export function renderScope(spec: ScopeOutputSpec & { content?: Cell[] }, context: RenderContext): HTMLElement {
  const output = document.createElement('div');
  output.className = 'pywebio-scope-output';
  const scope = document.createElement('div');
  scope.className = 'pywebio-scope';
  scope.dataset.scope = spec.name;
  scope.id = 'pywebio-scope-' + spec.name;
  output.appendChild(scope);
  context.registerBox(spec.box ?? spec.name, scope);
  fillBox(scope, spec.content, context);
  return output;
}

/** A collapse: a disclosure button (aria-expanded) that shows and hides its body. */
export function renderCollapse(spec: CollapseOutputSpec & { content?: Cell[] }, context: RenderContext): HTMLElement {
  const bodyId = 'pywebio-collapse-' + ++collapseCount;
  const card = document.createElement('div');
  card.className = 'pywebio-collapse card';
  const header = document.createElement('div');
  header.className = 'card-header p-0';
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'pywebio-collapse-toggle btn w-100 text-start';
  toggle.textContent = spec.title;
  toggle.setAttribute('aria-controls', bodyId);
  keepsWorkingOffline(toggle); // it opens and closes after the session too
  const body = document.createElement('div');
  body.id = bodyId;
  body.className = 'card-body';
  const show = (open: boolean): void => {
    toggle.setAttribute('aria-expanded', String(open));
    body.hidden = !open;
  };
  show(spec.open);
  toggle.addEventListener('click', () => show(body.hidden));
  header.appendChild(toggle);
  card.append(header, body);
  if (spec.box) context.registerBox(spec.box, body);
  fillBox(body, spec.content, context);
  return card;
}

/** A scrollable area of a fixed (or bounded) height, reachable by keyboard, that may keep to its bottom. */
export function renderScrollable(spec: ScrollableOutputSpec & { content?: Cell[] }, context: RenderContext): HTMLElement {
  const area = document.createElement('div');
  area.className = 'pywebio-scrollable' + (spec.border ? ' pywebio-scrollable-border' : '');
  area.tabIndex = 0; // a scrolling region must be reachable by keyboard
  area.setAttribute('role', 'region');
  area.setAttribute('aria-label', t('scrollable'));
  if (Array.isArray(spec.height)) {
    area.style.minHeight = spec.height[0];
    area.style.maxHeight = spec.height[1];
  } else {
    area.style.height = spec.height;
  }
  if (spec.box) context.registerBox(spec.box, area);
  fillBox(area, spec.content, context);
  if (spec.keep_bottom) {
    // follow new content while the person is at the bottom; stay put when they scrolled up
    let atBottom = true;
    area.addEventListener('scroll', () => {
      atBottom = area.scrollHeight - area.scrollTop - area.clientHeight <= 8;
    });
    new MutationObserver(() => {
      if (atBottom) area.scrollTop = area.scrollHeight;
    }).observe(area, { childList: true, subtree: true, characterData: true });
  }
  return area;
}
