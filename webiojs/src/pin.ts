// Pin widgets: input fields shown as output, rendered by the same field classes as forms. The
// browser keeps, per name, the live widget; it answers reads (pin_value), reports changes to
// waiting tasks (pin_wait) and to registered callbacks (pin_on_change), and applies pin_update.
// Nothing is sent while nobody waits or listens. See "Pin widgets" in docs/protocol.md.

import type { ActionsSpec, FieldValue, InputItemSpec, PinOnChangeSpec, PinOutputSpec, PinReading, PinUpdateSpec, UploadTarget } from './protocol';
import type { RenderContext } from './outputs/context';
import type { SessionLink } from './session';
import { Field, type ValidityState } from './forms/field';
import { FileField } from './forms/file';
import { makeField, withEntered } from './forms/form';
import { watchChanges } from './forms/changes';
import { buttonClass } from './forms/actions';

/** put_actions as a pin: a row of plain buttons; a click makes the button the value. */
class PinActionsField extends Field {
  readonly buttons: HTMLButtonElement[] = [];
  pressed: number | null = null;

  constructor(readonly spec: ActionsSpec, id: string, onPress: () => void) {
    super(spec, id);
    const group = document.createElement('div');
    group.setAttribute('role', 'group');
    group.className = 'd-flex flex-wrap gap-2';
    const label = this.label(null);
    group.setAttribute('aria-labelledby', label.id);
    spec.buttons.forEach((button, index) => {
      const element = document.createElement('button');
      element.type = 'button';
      element.className = buttonClass(button); // its color, as 1.x's put_actions
      element.textContent = button.label;
      element.disabled = button.disabled;
      if (button.disabled) element.dataset.keepDisabled = '1';
      element.addEventListener('click', () => {
        this.pressed = index;
        onPress();
      });
      group.appendChild(element);
      this.buttons.push(element);
    });
    this.element.append(label, group);
    this.finish();
  }

  protected controls(): HTMLElement[] {
    return this.buttons;
  }

  value(): number | null {
    return this.pressed;
  }
}

interface Widget {
  name: string;
  spec: InputItemSpec;
  rev: number;
  field: Field;
  /** The output's element; it stays while the field inside is drawn again. */
  wrapper: HTMLElement;
  session: SessionLink;
  /** What pin_update set with valid_status / valid_feedback / invalid_feedback; kept across redraws. */
  validity: PinValidity;
}

interface PinValidity {
  status: boolean | null;
  valid: string;
  invalid: string;
}

const VALIDITY_KEYS = ['valid_status', 'valid_feedback', 'invalid_feedback'];

const widgets = new Map<string, Widget>();
const waits = new Map<string, { names: Set<string>; upload?: UploadTarget }>(); // task id -> what it waits for
const listeners = new Map<string, string[]>(); // name -> callback ids

function live(name: string): Widget | null {
  const widget = widgets.get(name);
  return widget && widget.wrapper.isConnected ? widget : null;
}

function reading(widget: Widget): PinReading {
  return widget.field instanceof FileField ? { rev: widget.rev } : { rev: widget.rev, value: widget.field.value() };
}

function drawField(widget: Widget, spec: InputItemSpec): Field {
  const id = `pywebio-pin-${widget.wrapper.dataset.pinOutput}-${widget.rev}`;
  if (spec.type === 'actions') return new PinActionsField(spec, id, () => changed(widget));
  return makeField(spec, id, () => undefined);
}

export function renderPin(spec: PinOutputSpec, context: RenderContext): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.className = 'pywebio-pin';
  wrapper.dataset.pinOutput = String(spec.id);
  // the field is drawn next: its actions buttons report changes of this very widget
  const widget = { name: spec.input.name, spec: spec.input, rev: spec.rev, wrapper, session: context.session,
    validity: { status: null, valid: '', invalid: '' } } as unknown as Widget;
  widget.field = drawField(widget, spec.input);
  wrapper.appendChild(widget.field.element);
  watchChanges(wrapper, () => ({ key: widget.name, spec: widget.spec }), () => changed(widget));
  // the person editing clears the validity the program set (the field clears what it shows)
  wrapper.addEventListener('input', () => void (widget.validity = { status: null, valid: '', invalid: '' }));
  widgets.set(widget.name, widget); // a new widget of a name replaces the old one
  return wrapper;
}

function changed(widget: Widget): void {
  if (widgets.get(widget.name) !== widget || widget.session.closed) return; // an expired widget
  const name = widget.name;
  for (const [taskId, wait] of waits) {
    if (!wait.names.has(name)) continue;
    waits.delete(taskId);
    void report(widget, taskId, wait.upload);
  }
  for (const callbackId of listeners.get(name) ?? []) {
    widget.session.send({ event: 'callback', task_id: callbackId, data: reading(widget) });
  }
}

async function report(widget: Widget, taskId: string, upload: UploadTarget | undefined): Promise<void> {
  const value: FieldValue = widget.field.value();
  const rev = widget.rev;
  // a stopped upload (cancelled, refused) reports no files: the field says why
  if (widget.field instanceof FileField && !(await widget.field.upload(upload, widget.session))) {
    widget.session.send({ event: 'pin_change', task_id: taskId, data: { name: widget.name, rev, value: [] } });
    return;
  }
  widget.session.send({ event: 'pin_change', task_id: taskId, data: { name: widget.name, rev, value } });
}

export function pinValue(taskId: string, names: string[], session: SessionLink, upload?: UploadTarget): void {
  const data: Record<string, PinReading | null> = {};
  const files: FileField[] = [];
  const fileNames: string[] = [];
  for (const name of names) {
    const widget = live(name);
    data[name] = widget ? { rev: widget.rev, value: widget.field.value() } : null;
    if (widget && widget.field instanceof FileField) {
      files.push(widget.field);
      fileNames.push(name);
    }
  }
  if (!files.length) {
    session.send({ event: 'pin_value', task_id: taskId, data });
    return;
  }
  void (async () => {
    for (const [index, field] of files.entries()) {
      if (!(await field.upload(upload, session))) data[fileNames[index]] = { rev: data[fileNames[index]]!.rev, value: [] };
    }
    session.send({ event: 'pin_value', task_id: taskId, data });
  })();
}

export function pinUpdate(spec: PinUpdateSpec): void {
  const widget = widgets.get(spec.name);
  if (!widget) return;
  const attributes: Record<string, unknown> = { ...spec.attributes };
  const validity = widget.validity;
  if ('valid_status' in attributes) validity.status = (attributes.valid_status as boolean | null) ?? null;
  if (typeof attributes.valid_feedback === 'string') validity.valid = attributes.valid_feedback;
  if (typeof attributes.invalid_feedback === 'string') validity.invalid = attributes.invalid_feedback;
  for (const key of VALIDITY_KEYS) delete attributes[key];
  widget.rev = spec.rev;
  if (Object.keys(attributes).length) redraw(widget, attributes);
  const state: ValidityState = validity.status === true ? 'valid' : validity.status === false ? 'invalid' : null;
  widget.field.setValidity(state, state === 'valid' ? validity.valid : state === 'invalid' ? validity.invalid : '');
}

function redraw(widget: Widget, attributes: Record<string, unknown>): void {
  let next = { ...widget.spec, ...attributes } as InputItemSpec;
  if (!('value' in attributes) && !('options' in attributes)) next = withEntered(next, widget.field);
  const old = widget.field;
  const hadFocus = old.element.contains(document.activeElement);
  widget.spec = next;
  widget.field = drawField(widget, next);
  if (old instanceof PinActionsField && widget.field instanceof PinActionsField) widget.field.pressed = old.pressed;
  if (old instanceof FileField && widget.field instanceof FileField) {
    // the files the person chose stay chosen, as the label or help text changes
    const before = old.element.querySelector<HTMLInputElement>('input[type=file]');
    const after = widget.field.element.querySelector<HTMLInputElement>('input[type=file]');
    if (before?.files && after) after.files = before.files;
  }
  old.element.replaceWith(widget.field.element);
  if (hadFocus) widget.field.focusTarget()?.focus({ preventScroll: true });
}

export function pinWait(taskId: string, names: string[], upload?: UploadTarget): void {
  waits.set(taskId, { names: new Set(names), upload });
}

export function pinUnwait(taskId: string): void {
  waits.delete(taskId);
}

export function pinOnChange(spec: PinOnChangeSpec, session: SessionLink): void {
  if (spec.clear) listeners.delete(spec.name);
  if (spec.callback_id === null) return;
  const ids = listeners.get(spec.name) ?? [];
  ids.push(spec.callback_id);
  listeners.set(spec.name, ids);
  const widget = live(spec.name);
  if (spec.init_run && widget) session.send({ event: 'callback', task_id: spec.callback_id, data: reading(widget) });
}
