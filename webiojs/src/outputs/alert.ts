import type { AlertOutputSpec } from '../protocol';
import { t } from '../i18n';
import type { RenderContext } from './context';
import { fillCell } from './table';
import { keepsWorkingOffline } from '../session';

const COLORS = new Set(['primary', 'secondary', 'success', 'danger', 'warning', 'info', 'light', 'dark']);

/** put_info/put_success/put_warning/put_error: a Bootstrap alert, closable with a real button. */
export function renderAlert(spec: AlertOutputSpec, context: RenderContext): HTMLElement {
  const alert = document.createElement('div');
  const color = COLORS.has(spec.color) ? spec.color : 'info';
  alert.className = 'pywebio-alert alert alert-' + color;
  // errors and warnings interrupt a screen reader; information waits its turn
  alert.setAttribute('role', color === 'danger' || color === 'warning' ? 'alert' : 'status');
  for (const cell of spec.contents) fillCell(alert, cell, context);
  if (spec.box) context.registerBox(spec.box, alert);
  if (spec.closable) {
    alert.classList.add('alert-dismissible');
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'btn-close';
    close.setAttribute('aria-label', t('close'));
    keepsWorkingOffline(close);
    close.addEventListener('click', () => alert.remove());
    alert.appendChild(close);
  }
  return alert;
}
