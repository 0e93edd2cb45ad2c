// Toasts: short notices at the top of the window, left, centre or right. Each has a Close
// button; a toast with a callback is itself clickable (and keyboard-activatable).

import type { ToastSpec } from './protocol';
import type { SessionLink } from './session';
import { t } from './i18n';

const COLOR_CLASS: Record<ToastSpec['color'], string> = {
  info: 'text-bg-info', error: 'text-bg-danger', warn: 'text-bg-warning', success: 'text-bg-success',
};

const stacks = new Map<ToastSpec['position'], HTMLElement>();

function stack(position: ToastSpec['position']): HTMLElement {
  let element = stacks.get(position);
  if (!element) {
    element = document.createElement('div');
    element.className = `pywebio-toasts pywebio-toasts-${position}`;
    document.body.appendChild(element);
    stacks.set(position, element);
  }
  return element;
}

export function showToast(spec: ToastSpec, session: SessionLink): void {
  const toast = document.createElement('div');
  toast.className = `toast show border-0 ${COLOR_CLASS[spec.color] ?? COLOR_CLASS.info}`;
  toast.setAttribute('role', spec.color === 'error' ? 'alert' : 'status');
  toast.setAttribute('aria-atomic', 'true');

  const row = document.createElement('div');
  row.className = 'd-flex align-items-start';
  const message = document.createElement('div');
  message.className = 'toast-body flex-grow-1';
  message.textContent = spec.content;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'btn-close me-2 mt-2';
  close.setAttribute('aria-label', t('close'));
  close.dataset.pywebioChrome = '';
  row.append(message, close);
  toast.appendChild(row);

  let timer = 0;
  const dismiss = (): void => {
    window.clearTimeout(timer);
    toast.remove();
  };
  close.addEventListener('click', (event) => {
    event.stopPropagation();
    dismiss();
  });
  const callbackId = spec.callback_id;
  if (callbackId !== null) {
    const activate = (): void => {
      session.send({ event: 'callback', task_id: callbackId, data: null });
      dismiss();
    };
    message.setAttribute('role', 'button');
    message.tabIndex = 0;
    toast.classList.add('pywebio-toast-clickable');
    toast.addEventListener('click', activate);
    message.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        activate();
      }
    });
  }
  if (spec.duration > 0) timer = window.setTimeout(dismiss, spec.duration * 1000);
  stack(spec.position).appendChild(toast);
}
