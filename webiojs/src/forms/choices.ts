// select, checkbox and radio. Options are sent as positions: the values stay on the server.

import type { CheckSpec, SelectSpec } from '../protocol';
import { t } from '../i18n';
import { Field } from './field';

export class SelectField extends Field {
  private readonly select: HTMLSelectElement;

  constructor(readonly spec: SelectSpec, id: string) {
    super(spec, id);
    const select = document.createElement('select');
    select.id = id;
    select.name = spec.name;
    select.className = 'form-select';
    select.multiple = spec.multiple;
    if (spec.required) select.required = true;
    spec.options.forEach((option, index) => {
      const element = document.createElement('option');
      element.value = String(index);
      element.textContent = option.label;
      element.disabled = option.disabled;
      element.defaultSelected = option.selected; // what Reset goes back to
      select.appendChild(element);
    });
    this.select = select;
    this.element.append(this.label(id), select);
    this.finish();
  }

  protected controls(): HTMLElement[] {
    return [this.select];
  }

  value(): number[] {
    return Array.from(this.select.selectedOptions, (option) => Number(option.value));
  }

  check(): string | null {
    return this.spec.required && this.value().length === 0 ? t('required') : null;
  }
}

export class CheckField extends Field {
  private readonly boxes: HTMLInputElement[] = [];

  constructor(readonly spec: CheckSpec, id: string) {
    super(spec, id);
    const fieldset = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.className = 'form-label fs-6';
    legend.id = id + '-label';
    legend.textContent = spec.label;
    fieldset.appendChild(legend);
    spec.options.forEach((option, index) => {
      const wrapper = document.createElement('div');
      wrapper.className = 'form-check' + (spec.inline ? ' form-check-inline' : '');
      const box = document.createElement('input');
      box.type = spec.type;
      box.className = 'form-check-input';
      box.id = `${id}-${index}`;
      box.name = id; // one radio group per field, whatever the developer's name
      box.value = String(index);
      box.disabled = option.disabled;
      if (option.disabled) box.dataset.keepDisabled = "1";
      box.defaultChecked = option.selected;
      const label = document.createElement('label');
      label.className = 'form-check-label';
      label.htmlFor = box.id;
      label.textContent = option.label;
      wrapper.append(box, label);
      fieldset.appendChild(wrapper);
      this.boxes.push(box);
    });
    this.element.appendChild(fieldset);
    this.finish();
  }

  protected controls(): HTMLElement[] {
    return this.boxes;
  }

  value(): number[] {
    return this.boxes.filter((box) => box.checked).map((box) => Number(box.value));
  }

  check(): string | null {
    return this.spec.required && this.value().length === 0 ? t('required') : null;
  }
}
