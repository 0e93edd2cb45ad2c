import type { ButtonsOutputSpec } from '../protocol';
import type { SessionLink } from '../session';

const COLORS = new Set(['primary', 'secondary', 'success', 'danger', 'warning', 'info', 'light', 'dark']);

/** A group of real buttons; a click sends the button's index, never its value. */
export function renderButtons(spec: ButtonsOutputSpec, session: SessionLink): HTMLElement {
  const group = document.createElement('div');
  group.setAttribute('role', 'group');
  group.className = spec.group ? 'pywebio-buttons-group btn-group' : 'pywebio-buttons-row';
  const size = spec.small ? ' btn-sm' : '';
  const callbackId = spec.callback_id;
  spec.buttons.forEach((button, index) => {
    const element = document.createElement('button');
    element.type = 'button';
    const color = button.color && COLORS.has(button.color) ? button.color : 'primary';
    element.className = spec.link_style ? 'btn btn-link' + size
      : 'btn btn-' + (spec.outline ? 'outline-' : '') + color + size;
    element.textContent = button.label;
    if (button.disabled) element.disabled = true;
    element.dataset.index = String(index);
    group.appendChild(element);
  });
  if (callbackId !== null) {
    // one listener for the group
    group.addEventListener('click', (event) => {
      const element = (event.target as Element).closest('button');
      if (!element || element.disabled || element.parentElement !== group) return;
      session.send({ event: 'callback', task_id: callbackId, data: Number(element.dataset.index) });
    });
  }
  if (spec.group) return group;
  // a block that holds the row inline, as in 1.x: the text-align of a container places the buttons
  const holder = document.createElement('div');
  holder.className = 'pywebio-buttons';
  holder.appendChild(group);
  return holder;
}
