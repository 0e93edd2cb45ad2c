// Input forms, below the output. Several may be open at once (inputs from several threads of a
// script); each is answered on its own. Submitting uploads any files, sends the values, and
// disables the form until the server answers with update_input (try again) or destroy_form.

import type { FieldValue, FormCallbackData, InputGroupSpec, InputItemSpec, InputUpdateSpec, UpdateInputSpec, UploadTarget, Validity } from '../protocol';
import type { SessionLink } from '../session';
import { t } from '../i18n';
import { ActionsField } from './actions';
import { CheckField, SelectField } from './choices';
import { watchChanges } from './changes';
import { attachCodeEditor } from './code_editor';
import { type Field, TextField, type ValidityState } from './field';
import { FileField } from './file';
import { SliderField } from './slider';
import { pageElements } from '../page_elements';

/** The field of an input item, in a form or alone (a pin widget). */
export function makeField(spec: InputItemSpec, id: string, cancel: () => void): Field {
  switch (spec.type) {
    case 'slider':
      return new SliderField(spec, id);
    case 'select':
      return new SelectField(spec, id);
    case 'checkbox':
    case 'radio':
      return new CheckField(spec, id);
    case 'actions':
      return new ActionsField(spec, id, cancel);
    case 'file':
      return new FileField(spec, id);
    case 'textarea': {
      const field = new TextField(spec, id);
      if (spec.code) attachCodeEditor(field, spec);
      return field;
    }
    default:
      return new TextField(spec, id);
  }
}

function button(type: 'submit' | 'reset' | 'button', text: string, className: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = type;
  element.className = className;
  element.textContent = text;
  return element;
}

/** What input_update keeps of a field's validity, to show it again after a redraw. */
interface FieldValidity {
  status: boolean | null;
  invalid: string;
  valid: string;
}

/** The spec with what the person entered, so that drawing the field again keeps it (forms and pins). */
export function withEntered(spec: InputItemSpec, field: Field): InputItemSpec {
  const current = field.value();
  switch (spec.type) {
    case 'select':
    case 'checkbox':
    case 'radio': {
      const chosen = current as number[];
      return { ...spec, options: spec.options.map((option, index) => ({ ...option, selected: chosen.includes(index) })) };
    }
    case 'slider':
      return { ...spec, value: Number(current) };
    case 'actions':
    case 'file':
      return spec;
    default:
      return { ...spec, value: current as string };
  }
}

const VALIDITY_KEYS = ['valid_status', 'invalid_feedback', 'valid_feedback'];

class ActiveForm {
  readonly element: HTMLFormElement;
  private readonly fields: Field[];
  private readonly validity = new Map<string, FieldValidity>();
  private readonly callbackId: string | null;
  private readonly cancel: () => void;

  private readonly upload: UploadTarget | undefined;

  constructor(readonly taskId: string, spec: InputGroupSpec, private session: SessionLink) {
    const form = document.createElement('form');
    form.noValidate = true;
    form.className = 'pywebio-form card card-body mb-3';
    const cancel = (): void => this.send(null);
    this.cancel = cancel;
    this.callbackId = spec.callback_id ?? null;
    this.upload = spec.upload;
    this.fields = spec.inputs.map((item, index) => makeField(item, `pywebio-${taskId}-${index}`, cancel));

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

    if (!this.fields.some((field) => field instanceof ActionsField)) {
      const buttons = document.createElement('div');
      buttons.className = 'd-flex gap-2';
      buttons.append(button('submit', t('submit'), 'btn btn-primary'),
        button('reset', t('reset'), 'btn btn-outline-secondary'));
      if (spec.cancelable) {
        const cancelButton = button('button', t('cancel'), 'btn btn-outline-danger');
        cancelButton.addEventListener('click', cancel);
        buttons.appendChild(cancelButton);
      }
      form.appendChild(buttons);
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
      for (const field of this.fields) {
        if (field instanceof ActionsField) {
          const index = submitter && field.buttons.includes(submitter) ? Number(submitter.dataset.index) : null;
          field.pressed = index;
        }
      }
      const valid = this.fields.map((field) => field.checkAndShow()).every(Boolean);
      if (valid) void this.submit();
    });
    // the form's callback events (docs/protocol.md, "Events of an open form")
    watchChanges(form, (target) => {
      const field = this.fieldOf(target);
      return field && field.spec.onchange ? { key: field.spec.name, spec: field.spec } : null;
    }, (name) => {
      const field = this.fields.find((each) => each.spec.name === name);
      if (field) this.callback({ change: name, value: field.value() });
    });
    form.addEventListener('click', (event) => {
      const button = (event.target as Element | null)?.closest?.('button');
      if (!button || button.disabled) return;
      if (button.dataset.actionField !== undefined) {
        this.callback({ action: button.dataset.actionField });
      } else if (button.dataset.callbackButton) {
        const field = this.fieldOf(button);
        if (field) this.callback({ button: field.spec.name, index: Number(button.dataset.index) });
      }
    });
    form.addEventListener('reset', () => {
      // after the browser has restored the defaults
      setTimeout(() => this.fields.forEach((field) => field.reset()));
    });
    this.element = form;
  }

  focusFirst(): void {
    for (const field of this.fields) {
      const target = field.focusTarget();
      if (target) {
        target.focus({ preventScroll: true });
        return;
      }
    }
  }

  private fieldOf(target: EventTarget | null): Field | undefined {
    return target instanceof Node ? this.fields.find((field) => field.element.contains(target)) : undefined;
  }

  private callback(data: FormCallbackData): void {
    if (this.session.closed || this.callbackId === null) return;
    this.session.send({ event: 'callback', task_id: this.callbackId, data });
  }

  /** input_update: new fields of one item, and its validity. */
  inputUpdate(spec: InputUpdateSpec): void {
    const index = this.fields.findIndex((field) => field.spec.name === spec.name);
    if (index < 0) return;
    const old = this.fields[index];
    const attributes: Record<string, unknown> = { ...spec.attributes };
    const validity = this.validity.get(spec.name) ?? { status: null, invalid: '', valid: '' };
    const given: Validity = spec.attributes;
    if ('valid_status' in given) validity.status = given.valid_status ?? null;
    if (typeof given.invalid_feedback === 'string') validity.invalid = given.invalid_feedback;
    if (typeof given.valid_feedback === 'string') validity.valid = given.valid_feedback;
    this.validity.set(spec.name, validity);
    for (const key of VALIDITY_KEYS) delete attributes[key];
    let field = old;
    if (Object.keys(attributes).length) {
      let next = { ...old.spec, ...attributes } as InputItemSpec;
      if (!('value' in attributes) && !('options' in attributes)) next = withEntered(next, old);
      const hadFocus = old.element.contains(document.activeElement);
      const id = `pywebio-${this.taskId}-${index}`;
      field = makeField(next, id, this.cancel);
      old.element.replaceWith(field.element);
      this.fields[index] = field;
      if (this.element.getAttribute('aria-busy') === 'true') {
        for (const control of field.element.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button, select, textarea')) {
          control.disabled = true;
        }
      }
      if (hadFocus) field.focusTarget()?.focus({ preventScroll: true });
    }
    const state: ValidityState = validity.status === true ? 'valid' : validity.status === false ? 'invalid' : null;
    field.setValidity(state, state === 'valid' ? validity.valid : state === 'invalid' ? validity.invalid : '');
  }

  private async submit(): Promise<void> {
    if (this.session.closed) return;
    this.setBusy(true);
    for (const field of this.fields) {
      if (field instanceof FileField && !(await field.upload(this.upload, this.session))) {
        this.setBusy(false); // stopped (cancelled, refused): the field says why; nothing is submitted
        return;
      }
    }
    const data: Record<string, FieldValue> = {};
    for (const field of this.fields) data[field.spec.name] = field.value();
    this.session.send({ event: 'form_submit', task_id: this.taskId, data });
  }

  private send(data: null): void {
    if (this.session.closed) return;
    this.session.send({ event: 'form_submit', task_id: this.taskId, data });
    this.setBusy(true);
  }

  private setBusy(busy: boolean): void {
    if (this.session.closed) return;
    this.element.setAttribute('aria-busy', String(busy));
    for (const control of this.element.querySelectorAll<HTMLInputElement | HTMLButtonElement>(
      'input, button, select, textarea')) {
      control.disabled = busy || control.dataset.keepDisabled === '1';
    }
  }

  update(spec: UpdateInputSpec): void {
    this.fields.find((field) => field.spec.name === spec.name)?.setError(spec.invalid_feedback);
    this.setBusy(false);
  }
}

/** Page settings of forms (`set_env`). */
export const formSettings = { autoFocus: true };

const forms = new Map<string, ActiveForm>();
let newest: ActiveForm | null = null;

export function showForm(taskId: string, spec: InputGroupSpec, session: SessionLink): void {
  const form = new ActiveForm(taskId, spec, session);
  forms.set(taskId, form);
  newest = form;
  pageElements.input.appendChild(form.element);
  if (formSettings.autoFocus) form.focusFirst();
}

export function updateForm(taskId: string, spec: UpdateInputSpec): void {
  forms.get(taskId)?.update(spec);
}

export function inputUpdate(taskId: string, spec: InputUpdateSpec): void {
  forms.get(taskId)?.inputUpdate(spec);
}

export function destroyForm(taskId: string): void {
  const form = forms.get(taskId);
  if (!form) return;
  form.element.remove();
  forms.delete(taskId);
  if (newest === form) newest = Array.from(forms.values()).pop() ?? null;
}

/** The most recently shown form still open, to scroll into view. */
export function activeFormElement(): HTMLElement | null {
  return newest?.element ?? null;
}
