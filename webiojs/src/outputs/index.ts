// One render function per output type; each returns a DOM node.

import type { OutputSpec } from '../protocol';
import type { SessionLink } from '../session';
import { renderButtons } from './buttons';
import { renderText } from './text';

export function renderOutput(spec: OutputSpec, session: SessionLink): HTMLElement {
  switch (spec.type) {
    case 'text':
      return renderText(spec);
    case 'buttons':
      return renderButtons(spec, session);
    default:
      throw new Error('unknown output type ' + JSON.stringify((spec as { type: unknown }).type));
  }
}

export function appendOutput(spec: OutputSpec, session: SessionLink): void {
  document.getElementById('output-container')!.appendChild(renderOutput(spec, session));
}
