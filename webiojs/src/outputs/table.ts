import type { Cell, TableCell, SpannedCell, TableOutputSpec } from '../protocol';
import type { RenderContext } from './context';

/** Fill `parent` with a cell: trusted HTML, text, or an output sent earlier, moved here. */
export function fillCell(parent: Element, cell: Cell, context: RenderContext): void {
  if (typeof cell === 'string') {
    if (cell) parent.insertAdjacentHTML('beforeend', cell);
  } else if (cell && 'text' in cell) {
    parent.append(String(cell.text));
  } else if (cell && typeof cell.output === 'number') {
    const node = context.take(cell.output);
    if (node) parent.appendChild(node);
  }
}

export function isSpanned(cell: TableCell | null): cell is SpannedCell {
  return cell !== null && typeof cell === 'object' && 'cell' in cell;
}

/** A whole number >= 1 from the wire, or 1. */
export function spanOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? Math.min(value, 1000) : 1;
}

function fillTableCell(parent: HTMLTableCellElement, cell: TableCell, context: RenderContext): void {
  if (isSpanned(cell)) {
    parent.rowSpan = spanOf(cell.rowspan);
    parent.colSpan = spanOf(cell.colspan);
    fillCell(parent, cell.cell, context);
  } else fillCell(parent, cell, context);
}

export function renderTable(spec: TableOutputSpec, context: RenderContext): HTMLElement {
  const table = document.createElement('table');
  table.className = 'pywebio-table table table-bordered';
  if (spec.header) {
    const row = table.createTHead().insertRow();
    for (const cell of spec.header) {
      const th = document.createElement('th');
      th.scope = 'col';
      fillTableCell(th, cell, context);
      row.appendChild(th);
    }
  }
  const body = table.createTBody();
  for (const cells of spec.rows) {
    const row = body.insertRow();
    for (const cell of cells) fillTableCell(row.insertCell(), cell, context);
  }
  return table;
}
