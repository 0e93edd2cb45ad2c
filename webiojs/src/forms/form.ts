// The input form: one at a time, below the output. Submitting sends the raw strings and
// disables the form until the server answers with update_input (try again) or destroy_form.

import type { InputGroupSpec, UpdateInputSpec } from '../protocol';
import type { SessionLink } from '../session';
import { t } from '../i18n';
import { Field } from './field';

class ActiveForm {
  readonly element: HTMLFormElement;
  private readonly fields: Field[];

  constructor(readonly taskId: string, spec: InputGroupSpec, private session: SessionLink) {
    const form = document.createElement('form');
    form.noValidate = true;
    form.className = 'pywebio-form card card-body mb-3';
    this.fields = spec.inputs.map((item, index) => new Field(item, `pywebio-${taskId}-${index}`));

    let container: HTMLElement = form;
    if (spec.label) {
      const fieldset = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.id = `pywebio-${taskId}-legend`;
      legend.textContent = spec.label;
      form.setAttribute('aria-labelledby', legend.id); // a named form is a landmark
      fieldset.appendChild(legend);
      form.appendChild(fieldset);
      container = fieldset;
    }
    for (const field of this.fields) container.appendChild(field.element);

    const buttons = document.createElement('div');
    buttons.className = 'd-flex gap-2';
    buttons.append(this.button('submit', t('submit'), 'btn btn-primary'),
      this.button('reset', t('reset'), 'btn btn-outline-secondary'));
    if (spec.cancelable) {
      const cancel = this.button('button', t('cancel'), 'btn btn-outline-danger');
      cancel.addEventListener('click', () => this.submit(null));
      buttons.appendChild(cancel);
    }
    form.appendChild(buttons);

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const valid = this.fields.map((field) => field.checkAndShow()).every(Boolean);
      if (valid) this.submit(Object.fromEntries(this.fields.map((f) => [f.spec.name, f.value])));
    });
    form.addEventListener('reset', () => {
      for (const field of this.fields) field.setError(null);
    });
    this.element = form;
  }

  private button(type: 'submit' | 'reset' | 'button', text: string, className: string): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = type;
    button.className = className;
    button.textContent = text;
    return button;
  }

  private submit(data: Record<string, string> | null): void {
    if (this.session.closed) return;
    this.session.send({ event: 'form_submit', task_id: this.taskId, data });
    this.setBusy(true);
  }

  private setBusy(busy: boolean): void {
    if (this.session.closed) return;
    this.element.setAttribute('aria-busy', String(busy));
    for (const control of this.element.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')) {
      control.disabled = busy;
    }
  }

  update(spec: UpdateInputSpec): void {
    this.fields.find((field) => field.spec.name === spec.name)?.setError(spec.invalid_feedback);
    this.setBusy(false);
  }
}

let active: ActiveForm | null = null;

export function showForm(taskId: string, spec: InputGroupSpec, session: SessionLink): void {
  active?.element.remove();
  active = new ActiveForm(taskId, spec, session);
  document.getElementById('input-container')!.appendChild(active.element);
  active.element.querySelector('input')?.focus({ preventScroll: true });
}

export function updateForm(taskId: string, spec: UpdateInputSpec): void {
  if (active?.taskId === taskId) active.update(spec);
}

export function destroyForm(taskId: string): void {
  if (active?.taskId === taskId) {
    active.element.remove();
    active = null;
  }
}

export function activeFormElement(): HTMLElement | null {
  return active?.element ?? null;
}
