// slider: a range control with its current value shown beside it. The value is sent as the
// control's string; the server turns it into an int or a float.

import type { SliderSpec } from '../protocol';
import { Field } from './field';

export class SliderField extends Field {
  readonly control: HTMLInputElement;

  constructor(readonly spec: SliderSpec, id: string) {
    super(spec, id);
    const input = document.createElement('input');
    input.type = 'range';
    input.id = id;
    input.name = spec.name;
    input.className = 'form-range';
    input.min = String(spec.min_value);
    input.max = String(spec.max_value);
    input.step = String(spec.step);
    input.defaultValue = String(spec.value);
    input.value = String(spec.value);
    if (spec.readonly) input.disabled = true;
    const shown = document.createElement('output');
    shown.htmlFor.add(id);
    shown.className = 'ms-2';
    shown.textContent = input.value;
    input.addEventListener('input', () => void (shown.textContent = input.value));
    this.control = input;
    const row = document.createElement('div');
    row.className = 'd-flex align-items-center';
    row.append(input, shown);
    this.element.append(this.label(id), row);
    this.finish();
  }

  protected controls(): HTMLElement[] {
    return [this.control];
  }

  value(): string {
    return this.control.value;
  }

  reset(): void {
    super.reset();
    setTimeout(() => this.control.dispatchEvent(new Event('input')));
  }
}
