// put_datatable's output: a data grid. What is here stays small, in the page's main bundle: a
// placeholder of the grid's height, and the changes (datatable_update, _insert, _remove) that
// arrive before the grid is ready, kept in order. The grid itself, AG Grid, is the chunk
// ./datatable_grid, imported the first time the page shows a data table; a page without one
// never loads it, nor its stylesheets.

import { handleOutputCommand } from '../dispatcher';
import { rightToLeft, t, type Translate } from '../i18n';
import type { Command, DatatableOutputSpec } from '../protocol';
import { keepsWorkingOffline, type SessionLink } from '../session';
import { findOutput } from './own';

/** A command that changes a data table. */
export type DatatableChange =
  Extract<Command, { command: 'datatable_update' | 'datatable_insert' | 'datatable_remove' }>;

/** What the chunk needs of the page, given to it so that it imports nothing of the main bundle
 * (a module both used would become a chunk that every page loads). */
export interface PageLink {
  session: SessionLink;
  /** the page's words, in its language at the time they are shown */
  t: Translate;
  /** whether the page is laid out right to left (when the table is made) */
  rtl: boolean;
  keepsWorkingOffline(control: HTMLElement): void;
}

/** A grid made by the chunk: it takes changes, and has 1.8's grid options object. */
export interface GridLink {
  apply(change: DatatableChange): void;
  readonly options: unknown;
}

/** One table on the page: its changes wait here until its grid is ready. */
class GridHandle {
  private waiting: DatatableChange[] | null = [];
  private grid: GridLink | null = null;

  apply(change: DatatableChange): void {
    if (this.grid) this.grid.apply(change);
    else this.waiting?.push(change);
  }

  ready(grid: GridLink | null): void {
    const waiting = this.waiting ?? [];
    this.waiting = null;
    this.grid = grid;
    if (grid) for (const change of waiting) grid.apply(change);
  }
}

const handles = new WeakMap<Element, GridHandle>();

type GridModule = typeof import('./datatable_grid');
/** The chunk, once loaded: a later table makes its grid in the task that shows it, rather than
 * after the turn of the event loop that import() takes even for a loaded module. */
let gridModule: GridModule | null = null;

function loadGrid(): Promise<GridModule> {
  if (gridModule) return Promise.resolve(gridModule);
  return import('./datatable_grid').then((module) => (gridModule = module));
}

export function renderDatatable(spec: DatatableOutputSpec, session: SessionLink): HTMLElement {
  const root = document.createElement('div');
  root.className = 'pywebio-datatable';
  const holder = document.createElement('div');
  holder.className =
    'pywebio-datatable-grid d-flex align-items-center justify-content-center border text-body-secondary';
  if (spec.height !== 'auto') holder.style.height = spec.height;
  holder.textContent = t('loading');
  root.appendChild(holder);
  const handle = new GridHandle();
  handles.set(root, handle);
  const page: PageLink = { session, t, rtl: rightToLeft(), keepsWorkingOffline };
  const grid = loadGrid().then(({ createGrid }) => createGrid(root, holder, spec, page));
  grid.then((link) => handle.ready(link), (error) => {
    handle.ready(null);
    console.error('PyWebIO: the data table could not load', error);
  });
  if (spec.instance_id) {
    // 1.8's way for the developer's JavaScript to reach the grid
    (window as unknown as Record<string, unknown>)[`ag_grid_${spec.instance_id}_promise`] =
      grid.then((link) => link?.options);
  }
  return root;
}

function route(change: DatatableChange): void {
  const handle = (): GridHandle | undefined => {
    const element = findOutput(change.spec.id);
    return element ? handles.get(element) : undefined;
  };
  const now = handle();
  if (now) now.apply(change);
  else queueMicrotask(() => handle()?.apply(change)); // the table may enter the page with the rest of its frame
}

handleOutputCommand('datatable_update', route);
handleOutputCommand('datatable_insert', route);
handleOutputCommand('datatable_remove', route);
