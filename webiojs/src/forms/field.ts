// The fields of a form. Every field has a visible label bound to its control, help text and
// validation message tied to it with aria-describedby, and aria-invalid while it is invalid.

import type { FieldValue, InputItemSpec, TextInputSpec, TextareaSpec } from '../protocol';
import { type MessageKey, t } from '../i18n';

export type ValidityState = 'valid' | 'invalid' | null;

export abstract class Field {
  readonly element: HTMLElement;
  protected readonly error: HTMLElement;
  protected readonly validMessage: HTMLElement;
  protected readonly helpId: string | null;

  constructor(readonly spec: InputItemSpec, protected readonly id: string) {
    this.element = document.createElement('div');
    this.element.className = 'mb-3';
    this.helpId = spec.help_text ? id + '-help' : null;
    this.error = document.createElement('div');
    this.error.id = id + '-error';
    this.error.className = 'invalid-feedback';
    this.validMessage = document.createElement('div');
    this.validMessage.id = id + '-valid';
    this.validMessage.className = 'valid-feedback';
  }

  /** Append the help text and the (hidden) message element; call once the controls are in. */
  protected finish(): void {
    if (this.helpId) {
      const help = document.createElement('div');
      help.id = this.helpId;
      help.className = 'form-text';
      help.textContent = this.spec.help_text;
      this.element.appendChild(help);
    }
    this.element.append(this.error, this.validMessage);
    this.applyAttrs();
    this.setError(null);
    this.element.addEventListener('input', () => this.setError(null));
  }

  /** The developer's extra HTML attributes (`attrs`) on the controls; never event handlers. */
  private applyAttrs(): void {
    for (const [name, value] of Object.entries(this.spec.attrs ?? {})) {
      if (!/^[a-z][a-z0-9-]*$/i.test(name) || /^on/i.test(name)) continue; // the server refuses these too
      for (const control of this.controls()) {
        if (name === 'class') control.classList.add(...String(value).split(/\s+/).filter(Boolean));
        else control.setAttribute(name, String(value));
      }
    }
  }

  protected label(forId: string | null): HTMLLabelElement {
    const label = document.createElement('label');
    label.className = 'form-label';
    label.id = this.id + '-label';
    if (forId) label.htmlFor = forId;
    label.textContent = this.spec.label;
    return label;
  }

  /** The controls that carry aria-describedby and aria-invalid. */
  protected abstract controls(): HTMLElement[];

  /** What this field submits (see form_submit in docs/protocol.md). */
  abstract value(): FieldValue;

  /** The browser's own check, before anything is sent; the server checks again. */
  check(): string | null {
    return null;
  }

  /** Called after the form's Reset. */
  reset(): void {
    this.setError(null);
  }

  setError(message: string | null): void {
    this.setValidity(message !== null && message !== '' ? 'invalid' : null, message ?? '');
  }

  /** Mark the field valid or invalid (or neither) and show ``message`` under it. */
  setValidity(state: ValidityState, message: string): void {
    const invalid = state === 'invalid';
    const valid = state === 'valid';
    this.error.textContent = invalid ? message : '';
    this.error.hidden = !invalid || !message;
    this.validMessage.textContent = valid ? message : '';
    this.validMessage.hidden = !valid || !message;
    const describedBy = [this.helpId, invalid && message ? this.error.id : null,
      valid && message ? this.validMessage.id : null].filter(Boolean).join(' ');
    for (const control of this.controls()) {
      control.classList.toggle('is-invalid', invalid);
      control.classList.toggle('is-valid', valid);
      if (invalid) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
      if (describedBy) control.setAttribute('aria-describedby', describedBy);
      else control.removeAttribute('aria-describedby');
    }
  }

  checkAndShow(): boolean {
    const problem = this.check();
    this.setError(problem);
    return problem === null;
  }

  focusTarget(): HTMLElement | null {
    return this.controls()[0] ?? null;
  }
}

const formatChecks: Partial<Record<string, [RegExp, MessageKey]>> = {
  url: [/^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/, 'url'],
  date: [/^\d{4}-\d\d-\d\d$/, 'date'],
  time: [/^\d\d:\d\d(:\d\d(\.\d{1,3})?)?$/, 'time'],
  'datetime-local': [/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?$/, 'datetimeLocal'],
  color: [/^#[0-9a-fA-F]{6}$/, 'color'],
};

/** `input` of every type, and `textarea` (which a code editor may take over). */
export class TextField extends Field {
  control: HTMLInputElement | HTMLTextAreaElement;
  /** Set when a code editor replaces the textarea. */
  editor: { value(): string; setDisabled(disabled: boolean): void; focus(): void; reset(): void } | null = null;
  /** The `action` button beside the field, if any. */
  actionButton: HTMLButtonElement | null = null;

  constructor(readonly spec: TextInputSpec | TextareaSpec, id: string) {
    super(spec, id);
    const control = spec.type === 'textarea' ? this.textarea(spec) : this.input(spec);
    control.id = id;
    control.name = spec.name;
    control.className = 'form-control';
    if (spec.placeholder) control.placeholder = spec.placeholder;
    if (spec.required) control.required = true;
    if (spec.readonly) control.readOnly = true;
    this.control = control;
    const action = spec.type !== 'textarea' ? spec.action : null;
    if (action) {
      // a button beside the field (1.x's action=): the form sends its click to the server
      const group = document.createElement('div');
      group.className = 'input-group';
      this.actionButton = document.createElement('button');
      this.actionButton.type = 'button';
      this.actionButton.className = 'btn btn-outline-secondary';
      this.actionButton.textContent = action.label;
      this.actionButton.dataset.actionField = spec.name;
      group.append(control, this.actionButton);
      this.element.append(this.label(id), group);
    } else {
      this.element.append(this.label(id), control);
    }
    this.finish();
  }

  private input(spec: TextInputSpec): HTMLInputElement {
    const input = document.createElement('input');
    input.type = spec.type === 'number' || spec.type === 'float' ? 'number' : spec.type;
    if (spec.type === 'number') input.step = '1';
    if (spec.type === 'float') input.step = 'any';
    for (const [name, value] of Object.entries(spec.attrs ?? {})) {
      // the server refuses event handlers too; this is the second lock
      if (/^[a-z][a-z0-9-]*$/i.test(name) && !/^on/i.test(name)) input.setAttribute(name, String(value));
    }
    if (spec.datalist && spec.datalist.length) {
      const list = document.createElement('datalist');
      list.id = this.id + '-list';
      for (const suggestion of spec.datalist) {
        const option = document.createElement('option');
        option.value = suggestion;
        list.appendChild(option);
      }
      this.element.appendChild(list);
      input.setAttribute('list', list.id);
    }
    const initial = spec.value === null || spec.value === undefined ? '' : String(spec.value);
    input.defaultValue = initial; // what Reset goes back to
    input.value = initial;
    return input;
  }

  private textarea(spec: TextareaSpec): HTMLTextAreaElement {
    const textarea = document.createElement('textarea');
    textarea.rows = spec.rows;
    // attributes, not the properties: a minlength above maxlength (1.x accepts it) makes the
    // property setter throw, and the field would not be drawn
    if (spec.maxlength !== null) textarea.setAttribute('maxlength', String(spec.maxlength));
    if (spec.minlength !== null) textarea.setAttribute('minlength', String(spec.minlength));
    textarea.defaultValue = spec.value;
    textarea.value = spec.value;
    return textarea;
  }

  protected controls(): HTMLElement[] {
    return [this.control];
  }

  value(): string {
    return this.editor ? this.editor.value() : this.control.value;
  }

  reset(): void {
    super.reset();
    this.editor?.reset();
  }

  check(): string | null {
    const spec = this.spec;
    const text = this.value();
    const badInput = this.control instanceof HTMLInputElement && this.control.validity.badInput;
    if (text.trim() === '' && !badInput) return spec.required ? t('required') : null;
    if (spec.type === 'number' || spec.type === 'float') {
      const number = Number(text);
      if (badInput || text.trim() === '' || !Number.isFinite(number)) return t(spec.type === 'number' ? 'integer' : 'number');
      if (spec.type === 'number' && !Number.isInteger(number)) return t('integer');
      return null;
    }
    const format = formatChecks[spec.type];
    if (format && !format[0].test(text)) return t(format[1]);
    if (spec.type === 'textarea') {
      if (spec.maxlength !== null && text.length > spec.maxlength) return t('tooLong', { n: spec.maxlength });
      if (spec.minlength !== null && text.length < spec.minlength) return t('tooShort', { n: spec.minlength });
    }
    return null;
  }

  focusTarget(): HTMLElement | null {
    if (this.editor) {
      this.editor.focus();
      return null;
    }
    return this.control;
  }
}
