import type { ButtonsOutputSpec } from '../protocol';
import type { SessionLink } from '../session';

/** A group of real buttons; a click sends the button's index, never its value. */
export function renderButtons(spec: ButtonsOutputSpec, session: SessionLink): HTMLElement {
  const group = document.createElement('div');
  group.setAttribute('role', 'group');
  group.className = 'pywebio-buttons mb-3';
  const style = spec.link_style ? 'btn btn-link' : 'btn btn-primary';
  spec.buttons.forEach((button, index) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.className = style + (spec.small ? ' btn-sm' : '');
    element.textContent = button.label;
    element.addEventListener('click', () => {
      session.send({ event: 'callback', task_id: spec.callback_id, data: index });
    });
    group.appendChild(element);
  });
  return group;
}
