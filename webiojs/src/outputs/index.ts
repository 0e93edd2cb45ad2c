// One render function per output type; each returns a DOM node. `renderOutput` also stamps the
// node with the output's id, so that a later table cell or popup item can find and move it.

import type { OutputSpec } from '../protocol';
import { renderAlert } from './alert';
import { renderPin } from '../pin';
import { renderButtons } from './buttons';
import { renderCode } from './code';
import { renderCollapse, renderScope, renderScrollable } from './containers';
import type { RenderContext } from './context';
import { renderDatatable } from './datatable';
import { renderFile } from './file';
import { renderHtml } from './html';
import { renderImage } from './image';
import { renderGrid, renderRow } from './layout';
import { renderLink } from './link';
import { renderMarkdown } from './markdown';
import { renderLoading, renderProgressbar } from './progress';
import { renderTable } from './table';
import { renderTabs } from './tabs';
import { renderText } from './text';
import { renderWidget } from './widget';
import { markOutput } from './own';

export type { RenderContext } from './context';

function render(spec: OutputSpec, context: RenderContext): HTMLElement {
  switch (spec.type) {
    case 'text':
      return renderText(spec);
    case 'markdown':
      return renderMarkdown(spec);
    case 'html':
      return renderHtml(spec);
    case 'code':
      return renderCode(spec);
    case 'link':
      return renderLink(spec);
    case 'image':
      return renderImage(spec);
    case 'file':
      return renderFile(spec);
    case 'table':
      return renderTable(spec, context);
    case 'buttons':
      return renderButtons(spec, context.session);
    case 'scope':
      return renderScope(spec, context);
    case 'collapse':
      return renderCollapse(spec, context);
    case 'scrollable':
      return renderScrollable(spec, context);
    case 'row':
    case 'column':
      return renderRow(spec, context);
    case 'grid':
      return renderGrid(spec, context);
    case 'tabs':
      return renderTabs(spec, context);
    case 'widget':
      return renderWidget(spec, context);
    case 'alert':
      return renderAlert(spec, context);
    case 'loading':
      return renderLoading(spec, context);
    case 'progressbar':
      return renderProgressbar(spec);
    case 'pin':
      return renderPin(spec, context);
    case 'datatable':
      return renderDatatable(spec, context.session);
    default:
      throw new Error('unknown output type ' + JSON.stringify((spec as { type: unknown }).type));
  }
}

export function renderOutput(spec: OutputSpec, context: RenderContext): HTMLElement {
  const node = render(spec, context);
  markOutput(node, spec.id);
  return node;
}
