// One labelled field of a form: text, number, float or password.

import type { InputItemSpec } from '../protocol';
import { type MessageKey, t } from '../i18n';

export class Field {
  readonly element: HTMLElement;
  readonly control: HTMLInputElement;
  private readonly error: HTMLElement;
  private readonly helpId: string | null;

  constructor(readonly spec: InputItemSpec, id: string) {
    this.element = document.createElement('div');
    this.element.className = 'mb-3';

    const label = document.createElement('label');
    label.className = 'form-label';
    label.htmlFor = id;
    label.textContent = spec.label;

    const control = document.createElement('input');
    control.id = id;
    control.name = spec.name;
    control.className = 'form-control';
    control.type = spec.type === 'password' ? 'password' : spec.type === 'text' ? 'text' : 'number';
    if (spec.type === 'number') control.step = '1';
    if (spec.type === 'float') control.step = 'any';
    if (spec.placeholder) control.placeholder = spec.placeholder;
    if (spec.required) control.required = true;
    const initial = spec.value === null || spec.value === undefined ? '' : String(spec.value);
    control.defaultValue = initial; // what Reset goes back to
    control.value = initial;
    this.control = control;

    this.element.append(label, control);
    this.helpId = spec.help_text ? id + '-help' : null;
    if (this.helpId) {
      const help = document.createElement('div');
      help.id = this.helpId;
      help.className = 'form-text';
      help.textContent = spec.help_text;
      this.element.appendChild(help);
    }
    this.error = document.createElement('div');
    this.error.id = id + '-error';
    this.error.className = 'invalid-feedback';
    this.element.appendChild(this.error);
    this.setError(null);

    control.addEventListener('input', () => this.setError(null));
  }

  /** The raw string to submit. */
  get value(): string {
    return this.control.value;
  }

  /** The browser-side check; the server checks the same rules again. */
  check(): MessageKey | null {
    const control = this.control;
    const empty = control.value.trim() === '' && !control.validity.badInput;
    if (empty) return this.spec.required ? 'required' : null;
    if (this.spec.type === 'number' || this.spec.type === 'float') {
      const number = Number(control.value);
      if (control.validity.badInput || !Number.isFinite(number)) {
        return this.spec.type === 'number' ? 'integer' : 'number';
      }
      if (this.spec.type === 'number' && !Number.isInteger(number)) return 'integer';
    }
    return null;
  }

  /** Show `message` at the field, or clear it with null. */
  setError(message: string | null): void {
    const invalid = message !== null && message !== '';
    this.error.textContent = invalid ? message : '';
    this.error.hidden = !invalid;
    this.control.classList.toggle('is-invalid', invalid);
    if (invalid) this.control.setAttribute('aria-invalid', 'true');
    else this.control.removeAttribute('aria-invalid');
    const describedBy = [this.helpId, invalid ? this.error.id : null].filter(Boolean).join(' ');
    if (describedBy) this.control.setAttribute('aria-describedby', describedBy);
    else this.control.removeAttribute('aria-describedby');
  }

  checkAndShow(): boolean {
    const problem = this.check();
    this.setError(problem ? t(problem) : null);
    return problem === null;
  }
}
