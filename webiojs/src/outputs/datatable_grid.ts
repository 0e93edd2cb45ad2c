// The data grid of put_datatable: AG Grid Community 28.2.1, the version PyWebIO 1.8 used, so that
// 1.8 programs' grid and column options keep their meaning (docs/decisions.md). This module is a
// chunk of its own, imported by ./datatable the first time a page shows a data table; it loads
// the grid's stylesheets next to it (css/datatable.css, css/datatable-<theme>.css).
//
// Records arrive in compact form (docs/protocol.md, "Data tables"): paths once, then a list of
// values per record. Each path is a field of AG Grid's row objects, named as 1.8 named it
// (`path2field`). A row's id is kept under a symbol of the row object: its position for a table
// without id_path, else its id field's value as a string, fixed when the row is made, so that
// updating a row never changes its id.
//
// A large table shows its first rows before it makes the others: the grid starts with
// FIRST_ROWS rows, and the rest are added once the browser has painted them (docs/performance.md,
// "Data tables": 100,000 records show their first rows 0.4 to 0.5 s before the last). Until then
// the grid is not given out: its changes from the server wait, and 1.8's promise resolves once
// every row is in.
//
// It imports nothing of the main bundle at run time: what it needs of the page comes in `PageLink`.

import { Grid, type ColDef, type ColGroupDef, type GridApi, type GridOptions, type RowNode } from 'ag-grid-community';
import type { CompactRecords, DatatableOutputSpec, RowId } from '../protocol';
import type { DatatableChange, GridLink, PageLink } from './datatable';

/** AG Grid itself, for bench/datatable_bench.py's baseline: plain JavaScript on this very build. */
export { Grid };

type Row = Record<string, unknown> & { [ROW_ID]?: string };
type Options = Record<string, unknown>;

/** Where a row object keeps its id. */
const ROW_ID = Symbol('pywebio row id');

const THEMES = new Set(['alpine', 'alpine-dark', 'balham', 'balham-dark', 'material']);

/** A table of more rows than PROGRESSIVE_FROM shows its first FIRST_ROWS first (more than a
 * screen holds). */
const PROGRESSIVE_FROM = 10_000;
const FIRST_ROWS = 1_000;
/** The rest are added this long after the first rows at the latest (a hidden page paints nothing). */
const REST_AFTER_MS = 200;

// -- stylesheets --------------------------------------------------------------------------------

const stylesheets = new Map<string, Promise<void>>();

/** Load css/NAME.css (beside js/, this chunk being in js/chunks/) once; resolves when it has
 * loaded or failed (the grid then shows unstyled rather than not at all). */
function stylesheet(name: string): Promise<void> {
  let loaded = stylesheets.get(name);
  if (!loaded) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(`../../css/${name}.css`, import.meta.url).href;
    loaded = new Promise((resolve) => {
      link.addEventListener('load', () => resolve());
      link.addEventListener('error', () => {
        console.error('PyWebIO: could not load the stylesheet', link.href);
        resolve();
      });
    });
    document.head.appendChild(link);
    stylesheets.set(name, loaded);
  }
  return loaded;
}

// -- fields: 1.8's names, which its JavaScript interface exposes ----------------------------------

/** The field of a path: the keys joined, then their lengths and their number (1.8's scheme, so
 * that ['a_b'] and ['a', 'b'] differ). */
export function path2field(path: string[]): string {
  return [path.join(''), path.map((key) => key.length).join('_'), path.length].join('_');
}

export function field2path(field: string): string[] {
  const parts = field.split('_');
  const count = Number(parts[parts.length - 1]);
  const lengths = parts.slice(parts.length - 1 - count, parts.length - 1).map(Number);
  const path: string[] = [];
  let start = 0;
  for (const length of lengths) {
    path.push(field.substring(start, start + length));
    start += length;
  }
  return path;
}

/** A nested record as a row object of fields (1.8's `flatten_row`). */
function flattenRow(record: unknown, prefix: string[] = [], row: Row = {}): Row {
  if (record && typeof record === 'object' && !Array.isArray(record)) {
    for (const [key, value] of Object.entries(record)) {
      const path = [...prefix, key];
      if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length) {
        flattenRow(value, path, row);
      } else {
        row[path2field(path)] = value;
      }
    }
  }
  return row;
}

// -- columns ------------------------------------------------------------------------------------

interface ColumnNode {
  key: string;
  children: ColumnNode[] | null;
}

/** The column tree of the records' paths: paths that share a first key are grouped under it. */
function treeOfPaths(paths: string[][]): ColumnNode[] {
  type Branch = Map<string, Branch>;
  const root: Branch = new Map();
  for (const path of paths) {
    let branch = root;
    for (const key of path) {
      let next = branch.get(key);
      if (!next) branch.set(key, (next = new Map()));
      branch = next;
    }
  }
  const nodes = (branch: Branch): ColumnNode[] =>
    [...branch].map(([key, below]) => ({ key, children: below.size ? nodes(below) : null }));
  return nodes(root);
}

function treeOfOrder(order: NonNullable<DatatableOutputSpec['order']>): ColumnNode[] {
  return order.map(([key, children]) => ({ key, children: children?.length ? treeOfOrder(children) : null }));
}

/** A header: the key, `_` as spaces, the first letter capitalized (as 1.8). */
function header(key: string): string {
  const text = key.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function columnDefs(spec: DatatableOutputSpec): (ColDef | ColGroupDef)[] {
  const byKey = new Map<string, Options>();
  const byPath = new Map<string, Options>();
  for (const [key, options] of spec.column_args) {
    if (typeof key === 'string') byKey.set(key, options);
    else byPath.set(JSON.stringify(key), options);
  }
  const defs = (nodes: ColumnNode[], prefix: string[], inherited: Options): (ColDef | ColGroupDef)[] =>
    nodes.map(({ key, children }) => {
      const path = [...prefix, key];
      const own = byPath.get(JSON.stringify(path));
      if (children) return { headerName: header(key), children: defs(children, path, { ...inherited, ...own }) };
      return { headerName: header(key), field: path2field(path), ...inherited, ...byKey.get(key), ...own };
    });
  return defs(spec.order ? treeOfOrder(spec.order) : treeOfPaths(spec.columns), [], {});
}

// -- the developer's functions ------------------------------------------------------------------

/** Put each of `spec.functions` where it goes: `new Function(...params, body)`, the developer's code. */
function placeFunctions(spec: DatatableOutputSpec): void {
  const own = (holder: unknown, key: string | number): boolean =>
    holder !== null && typeof holder === 'object' && Object.prototype.hasOwnProperty.call(holder, key);
  for (const { where, params, body } of spec.functions) {
    if (where[0] !== 'grid_args' && where[0] !== 'column_args') continue;
    let holder: unknown = spec;
    for (const key of where.slice(0, -1)) holder = own(holder, key) ? (holder as Options)[key] : null;
    const last = where[where.length - 1];
    if (!own(holder, last)) continue;
    try {
      (holder as Options)[last] = new Function(...params, body);
    } catch (error) {
      console.error('PyWebIO: a JSFunction of put_datatable does not compile:', body, error);
    }
  }
}

// -- the grid -----------------------------------------------------------------------------------

/** Text for the cell content bar. */
function shown(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Make the grid of `spec` in `holder`, inside the output `root`; null when the table left the
 * page before the grid library had loaded. */
export async function createGrid(root: HTMLElement, holder: HTMLElement, spec: DatatableOutputSpec,
  page: PageLink): Promise<GridLink | null> {
  const theme = THEMES.has(spec.theme) ? spec.theme : 'balham';
  await Promise.all([stylesheet('datatable'), stylesheet('datatable-' + theme.replace('-dark', ''))]);
  if (!root.isConnected) return null;
  const grid = new DataGrid(root, holder, spec, theme, page);
  await grid.complete;
  return grid.link;
}

/** Whether the grid may show its first rows before the others: nothing of the developer's could
 * see the difference (an event handler, a row model other than the client side one). */
function progressive(spec: DatatableOutputSpec): boolean {
  const args = spec.grid_args;
  return spec.rows.length > PROGRESSIVE_FROM && spec.height !== 'auto'
    && (args.rowModelType === undefined || args.rowModelType === 'clientSide')
    && !Object.keys(args).some((key) => /^on[A-Z]/.test(key));
}

class DataGrid {
  readonly link: GridLink;
  /** Resolves once every row of the spec is in the grid. */
  readonly complete: Promise<void>;
  private readonly api: GridApi;
  private readonly options: GridOptions & Options;
  private readonly idField: string | null;
  /** Positional ids: the id of the next row made. */
  private nextId = 0;
  private tools: { count: HTMLElement; unselect: HTMLElement; actions: HTMLElement } | null = null;
  private bar: HTMLElement | null = null;
  private sized = false;
  private destroyed = false;

  constructor(private readonly root: HTMLElement, holder: HTMLElement, private readonly spec: DatatableOutputSpec,
    theme: string, private readonly page: PageLink) {
    this.idField = spec.id_path ? path2field(spec.id_path) : null;
    placeFunctions(spec);
    const theirs = spec.grid_args;
    const selectable = spec.actions.length > 0 || spec.onselect;
    const records = { columns: spec.columns, rows: spec.rows };
    const first = progressive(spec) ? FIRST_ROWS : records.rows.length;
    const rowData = this.rows(records, undefined, 0, first);
    spec.rows = []; // the rows live in the grid now
    this.options = {
      enableCellTextSelection: true,
      enableRtl: page.rtl, // the page's direction
      ensureDomOrder: true,
      suppressFieldDotNotation: true,
      rowMultiSelectWithClick: true,
      // without id_path, new rows are new data (1.8 had no getRowId then)
      resetRowDataOnUpdate: this.idField === null,
      ...theirs,
      defaultColDef: {
        sortable: true, filter: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true,
        ...(theirs.defaultColDef as Options | undefined),
      },
      ...(selectable ? { rowSelection: spec.multiple_select ? 'multiple' : 'single' } : {}),
      ...(spec.height === 'auto' ? { domLayout: 'autoHeight' } : {}),
      rowData,
      columnDefs: columnDefs(spec),
      getRowId: ({ data }) => this.idOf(data as Row),
      onFirstDataRendered: this.chain('onFirstDataRendered', () => this.fitColumns()),
      onCellFocused: this.chain('onCellFocused', (event) => this.showCell(event)),
      onSelectionChanged: this.chain('onSelectionChanged', () => this.selectionChanged()),
    };
    holder.className = `pywebio-datatable-grid ag-theme-${theme}`;
    holder.textContent = '';
    if (spec.height === 'auto') holder.style.height = '';
    if (spec.cell_content_bar) {
      this.bar = document.createElement('div');
      this.bar.className = 'pywebio-datatable-cell';
      this.bar.hidden = true;
      root.appendChild(this.bar);
    }
    if (spec.actions.length) this.addTools();
    new Grid(holder, this.options);
    this.api = this.options.api!;
    // 1.8's JavaScript interface: ag_grid_<instance_id>_promise resolves to this object (added
    // after the grid checked its options, which it would warn about)
    Object.assign(this.options, {
      path2field, field2path, flatten_row: (record: unknown) => flattenRow(record),
      getSelectedRowIDs: () => this.selectedIds(),
    });
    this.watch(holder);
    this.link = { apply: (change) => this.apply(change), options: this.options };
    this.complete = first < records.rows.length ? this.addLater(records, first) : Promise.resolve();
  }

  /** Add the rows of `records` from `start` on, once the browser has painted the first ones. */
  private addLater(records: CompactRecords, start: number): Promise<void> {
    return new Promise((resolve) => {
      let done = false;
      const add = (): void => {
        if (done) return;
        done = true;
        if (!this.destroyed) this.api.applyTransaction({ add: this.rows(records, undefined, start) });
        resolve();
      };
      requestAnimationFrame(() => setTimeout(add));
      setTimeout(add, REST_AFTER_MS);
    });
  }

  /** `own` first, then the developer's handler of the same name, if any. */
  private chain<E>(name: string, own: (event: E) => void): (event: E) => void {
    return (event) => {
      own(event);
      const theirs = this.spec.grid_args[name];
      if (typeof theirs !== 'function') return;
      try {
        theirs.call(this.options, event);
      } catch (error) {
        console.error(`PyWebIO: the ${name} of put_datatable's grid_args failed`, error);
      }
    };
  }

  // -- rows and ids ---------------------------------------------------------------------------

  /** Row objects of compact records (those from `start` to `end`), each with its id (or with
   * `id`, a row's new record). */
  private rows(records: CompactRecords, id?: string, start = 0, end = records.rows.length): Row[] {
    const fields = records.columns.map(path2field);
    const width = fields.length;
    const made: Row[] = new Array(Math.max(0, end - start));
    for (let index = start; index < end; index++) {
      const values = records.rows[index];
      const row: Row = {};
      for (let i = 0; i < width; i++) row[fields[i]] = i < values.length ? values[i] : null;
      if (id === undefined) this.idOf(row);
      else row[ROW_ID] = id;
      made[index - start] = row;
    }
    return made;
  }

  /** A row's id, given to it the first time it is asked for. */
  private idOf(row: Row): string {
    let id = row[ROW_ID];
    if (id === undefined) {
      id = this.idField === null ? String(this.nextId++) : String(row[this.idField]);
      row[ROW_ID] = id;
    }
    return id;
  }

  private selectedIds(): RowId[] {
    return this.api.getSelectedNodes()
      .filter((node) => !node.group && node.id !== undefined)
      .map((node) => (this.idField === null ? Number(node.id) : node.id!));
  }

  private node(id: RowId | null): RowNode | undefined {
    return id === null ? undefined : this.api.getRowNode(String(id));
  }

  // -- changes from the server ----------------------------------------------------------------

  private apply(change: DatatableChange): void {
    const api = this.api;
    if (change.command === 'datatable_remove') {
      const gone = change.spec.row_ids.map((id) => this.node(id)?.data).filter((data) => data !== undefined);
      if (gone.length) api.applyTransaction({ remove: gone });
    } else if (change.command === 'datatable_insert') {
      const before = this.node(change.spec.before);
      let rows = this.rows(change.spec);
      if (this.idField !== null) { // a record whose id the table has is skipped
        const seen = new Set<string>();
        rows = rows.filter((row) => {
          const id = this.idOf(row);
          const fresh = !seen.has(id) && !api.getRowNode(id);
          seen.add(id);
          return fresh;
        });
      }
      let index: number | null = null;
      if (before) api.forEachNode((node, position) => void (node === before && (index = position)));
      api.applyTransaction({ add: rows, addIndex: index });
    } else if (!('row_id' in change.spec)) {
      this.nextId = 0;
      api.setRowData(this.rows(change.spec));
    } else {
      const node = this.node(change.spec.row_id);
      if (!node || !node.id) return;
      const row: Row | undefined = 'path' in change.spec
        ? { ...node.data, [path2field(change.spec.path)]: change.spec.value }
        : this.rows({ columns: change.spec.columns, rows: change.spec.rows.slice(0, 1) }, node.id)[0];
      if (row) api.applyTransaction({ update: [row] });
    }
  }

  // -- what the person sees and does -----------------------------------------------------------

  private addTools(): void {
    const tools = document.createElement('div');
    tools.className = 'pywebio-datatable-tools';
    const count = document.createElement('span');
    count.setAttribute('role', 'status');
    count.textContent = this.selected(0);
    const unselect = document.createElement('button');
    unselect.type = 'button';
    unselect.className = 'btn btn-sm btn-outline-secondary';
    unselect.textContent = this.page.t('unselect');
    unselect.hidden = true;
    unselect.addEventListener('click', () => this.api.deselectAll());
    this.page.keepsWorkingOffline(unselect);
    const actions = document.createElement('div');
    actions.className = 'pywebio-datatable-actions';
    actions.setAttribute('role', 'group');
    actions.setAttribute('aria-label', this.page.t('rowActions'));
    actions.hidden = true;
    this.spec.actions.forEach((label, index) => {
      if (label === null) {
        const separator = document.createElement('span');
        separator.className = 'pywebio-datatable-separator';
        separator.setAttribute('role', 'separator');
        actions.appendChild(separator);
        return;
      }
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'btn btn-sm btn-primary';
      button.textContent = label;
      button.addEventListener('click', () => this.send({ action: index, rows: this.selectedIds() }));
      actions.appendChild(button);
    });
    tools.append(count, unselect, actions);
    this.root.appendChild(tools);
    this.tools = { count, unselect, actions };
  }

  /** "3 rows selected", in the page's language. */
  private selected(count: number): string {
    return this.page.t(count === 1 ? 'rowSelected' : 'rowsSelected', { n: count });
  }

  private send(data: { rows: RowId[] } | { action: number; rows: RowId[] }): void {
    if (this.spec.callback_id === null || data.rows.length === 0) return;
    this.page.session.send({ event: 'callback', task_id: this.spec.callback_id, data });
  }

  private selectionChanged(): void {
    const rows = this.selectedIds();
    if (this.tools) {
      this.tools.count.textContent = this.selected(rows.length);
      this.tools.unselect.hidden = this.tools.actions.hidden = rows.length === 0;
    }
    if (this.spec.onselect) this.send({ rows });
  }

  private showCell(event: { rowIndex: number | null; column: unknown; rowPinned?: unknown }): void {
    if (!this.bar || event.rowIndex === null || !event.column || event.rowPinned) return;
    const node = this.api.getDisplayedRowAtIndex(event.rowIndex);
    if (!node) return;
    this.bar.textContent = shown(this.api.getValue(event.column as string, node));
    this.bar.hidden = false;
  }

  /** Columns without a width fit their content; if they are narrower than the grid, they
   * stretch to fill it (as 1.8). A grid that is not shown (a hidden tab) waits until it is. */
  private fitColumns(): void {
    const holder = this.root.firstElementChild as HTMLElement;
    const columnApi = this.options.columnApi!;
    if (this.sized || holder.clientWidth === 0) return;
    this.sized = true;
    const defs = (columnApi.getColumns() ?? []).map((column) => [column, column.getColDef()] as const);
    const flexible = this.spec.grid_args.defaultColDef && (this.spec.grid_args.defaultColDef as ColDef).flex;
    if (flexible || defs.some(([, def]) => def.flex)) return;
    const free = defs.filter(([, def]) => !def.hide && !def.width).map(([column]) => column);
    if (free.length) columnApi.autoSizeColumns(free);
    const width = defs.reduce((sum, [column, def]) => sum + (def.hide ? 0 : column.getActualWidth()), 0);
    if (width < holder.clientWidth) this.api.sizeColumnsToFit();
  }

  /** Fit the columns once the grid is shown; let the grid go when its table leaves the page (its
   * listeners on the document would keep it, and its rows, alive). */
  private watch(holder: HTMLElement): void {
    const observer = new ResizeObserver(() => {
      if (!this.root.isConnected) {
        observer.disconnect();
        this.api.destroy();
        this.destroyed = true;
        // 1.8's global for this grid goes too, unless a later table of the same name took it
        const name = `ag_grid_${this.spec.instance_id}_promise`;
        const global = window as unknown as Record<string, unknown>;
        const promise = global[name];
        if (this.spec.instance_id && promise instanceof Promise) {
          void promise.then((options) => {
            if (options === this.options && global[name] === promise) delete global[name];
          });
        }
      } else if (!this.sized && holder.clientWidth > 0 && this.api.getDisplayedRowCount() > 0) {
        this.fitColumns();
      }
    });
    observer.observe(this.root);
  }
}
