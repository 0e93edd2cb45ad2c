// put_tabs: the WAI-ARIA tabs pattern, with automatic activation and a roving tabindex.

import type { TabsOutputSpec } from '../protocol';
import type { RenderContext } from './context';
import { fillCell } from './table';
import { keepsWorkingOffline } from '../session';

export function renderTabs(spec: TabsOutputSpec, context: RenderContext): HTMLElement {
  const root = document.createElement('div');
  root.className = 'pywebio-tabs';
  const list = document.createElement('div');
  list.className = 'nav nav-tabs';
  list.setAttribute('role', 'tablist');
  root.appendChild(list);
  const prefix = 'pywebio-tabs-' + spec.id + '-';
  const tabs: HTMLButtonElement[] = [];
  const panels: HTMLElement[] = [];
  spec.tabs.forEach((tab, index) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'nav-link';
    button.id = prefix + 'tab-' + index;
    button.setAttribute('role', 'tab');
    button.setAttribute('aria-controls', prefix + 'panel-' + index);
    button.textContent = tab.title;
    keepsWorkingOffline(button); // tabs switch after the session too
    list.appendChild(button);
    tabs.push(button);
    const panel = document.createElement('div');
    panel.className = 'pywebio-tab-panel';
    panel.id = prefix + 'panel-' + index;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', button.id);
    panel.tabIndex = 0;
    for (const cell of tab.content) fillCell(panel, cell, context);
    root.appendChild(panel);
    panels.push(panel);
  });

  const select = (chosen: number, focus: boolean): void => {
    tabs.forEach((tab, index) => {
      const selected = index === chosen;
      tab.setAttribute('aria-selected', String(selected));
      tab.classList.toggle('active', selected);
      tab.tabIndex = selected ? 0 : -1;
      panels[index].hidden = !selected;
    });
    if (focus) tabs[chosen].focus();
  };
  select(0, false);

  // one listener each for the whole tab list
  list.addEventListener('click', (event) => {
    const index = tabs.indexOf((event.target as Element).closest('[role="tab"]') as HTMLButtonElement);
    if (index >= 0) select(index, true);
  });
  list.addEventListener('keydown', (event) => {
    const current = tabs.indexOf(event.target as HTMLButtonElement);
    if (current < 0) return;
    const last = tabs.length - 1;
    const next = { ArrowRight: current === last ? 0 : current + 1, ArrowLeft: current === 0 ? last : current - 1,
      Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(next, true);
  });
  return root;
}
