// put_row / put_column / put_grid: CSS grids of outputs sent earlier, moved in. Cheap on purpose
// (a page may hold thousands of rows): no layout reads, no listeners, no wrappers around items.

import type { GridOutputSpec, RowOutputSpec } from '../protocol';
import type { RenderContext } from './context';
import { fillCell, isSpanned, spanOf } from './table';

export function renderRow(spec: RowOutputSpec, context: RenderContext): HTMLElement {
  const grid = document.createElement('div');
  const isRow = spec.type === 'row';
  grid.className = isRow ? 'pywebio-row' : 'pywebio-column';
  // a CSSOM property cannot carry other declarations; an invalid value is simply ignored
  if (isRow) grid.style.gridTemplateColumns = spec.size;
  else grid.style.gridTemplateRows = spec.size;
  for (const item of spec.items) {
    const node = item && typeof item.output === 'number' ? context.take(item.output) : null;
    grid.appendChild(node ?? document.createElement('div')); // a gap (or a cleared output) keeps its track
  }
  if (spec.box) context.registerBox(spec.box, grid);
  return grid;
}

export function renderGrid(spec: GridOutputSpec, context: RenderContext): HTMLElement {
  const grid = document.createElement('div');
  grid.className = 'pywebio-grid';
  grid.style.gridTemplateColumns = spec.columns;
  grid.style.gridTemplateRows = spec.rows;
  grid.style.gridAutoFlow = spec.direction === 'column' ? 'column' : 'row';
  for (const item of spec.cells) {
    const cell = document.createElement('div');
    cell.className = 'pywebio-grid-cell';
    if (isSpanned(item)) {
      cell.style.gridRow = 'span ' + spanOf(item.rowspan);
      cell.style.gridColumn = 'span ' + spanOf(item.colspan);
      fillCell(cell, item.cell, context);
    } else if (item !== null) fillCell(cell, item, context);
    grid.appendChild(cell);
  }
  return grid;
}
