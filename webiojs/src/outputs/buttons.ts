import type { ButtonsOutputSpec } from '../protocol';
import type { SessionLink } from '../session';

/** A group of real buttons; a click sends the button's index, never its value. */
export function renderButtons(spec: ButtonsOutputSpec, session: SessionLink): HTMLElement {
  const group = document.createElement('div');
  group.setAttribute('role', 'group');
  group.className = 'pywebio-buttons';
  const style = spec.link_style ? 'btn btn-link' : 'btn btn-primary';
  const callbackId = spec.callback_id;
  spec.buttons.forEach((button, index) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.className = style + (spec.small ? ' btn-sm' : '');
    element.textContent = button.label;
    if (callbackId !== null) {
      element.addEventListener('click', () => {
        session.send({ event: 'callback', task_id: callbackId, data: index });
      });
    }
    group.appendChild(element);
  });
  return group;
}
