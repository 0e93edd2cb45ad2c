// actions: a row of buttons that submit the form with their own value, reset it, or cancel it.

import type { ActionButtonSpec, ActionsSpec } from '../protocol';
import { Field } from './field';

/** The Bootstrap classes of an actions button: its colour, else by its type. */
export function buttonClass(button: ActionButtonSpec): string {
  const color = button.color && /^[a-z]+$/.test(button.color) ? button.color : null;
  return color ? `btn btn-${color}` : button.type === 'submit' ? 'btn btn-primary' : 'btn btn-outline-secondary';
}

export class ActionsField extends Field {
  readonly buttons: HTMLButtonElement[] = [];
  /** The submit button that was pressed last, for value(). */
  pressed: number | null = null;

  constructor(readonly spec: ActionsSpec, id: string, onCancel: () => void) {
    super(spec, id);
    const group = document.createElement('div');
    group.setAttribute('role', 'group');
    group.className = 'd-flex flex-wrap gap-2';
    if (spec.label) {
      const label = this.label(null);
      label.classList.add('d-block');
      group.setAttribute('aria-labelledby', label.id);
      this.element.appendChild(label);
    }
    spec.buttons.forEach((button, index) => {
      const element = document.createElement('button');
      element.type = button.type === 'cancel' || button.type === 'callback' ? 'button' : button.type;
      element.className = buttonClass(button);
      // a callback button submits nothing: the form sends its click to the server
      if (button.type === 'callback') element.dataset.callbackButton = '1';
      element.textContent = button.label;
      element.disabled = button.disabled;
      if (button.disabled) element.dataset.keepDisabled = "1";
      element.dataset.index = String(index);
      if (button.type === 'cancel') element.addEventListener('click', onCancel);
      group.appendChild(element);
      this.buttons.push(element);
    });
    this.element.appendChild(group);
    this.finish();
  }

  protected controls(): HTMLElement[] {
    return this.buttons;
  }

  value(): number | null {
    return this.pressed;
  }

  focusTarget(): HTMLElement | null {
    return null;
  }
}
