// What counts as a *change* of a field, for forms' onchange and pin widgets alike (docs/protocol.md):
// typing in a text field or plain text area, as in 1.x, reported once typing pauses for
// TYPING_PAUSE ms or at once when the field is committed (focus leaves, Enter), never twice for
// the same typing; for every other control its 'change' DOM event (a choice, a file, a slider's
// release, a code editor's own pause).

import type { InputItemSpec } from '../protocol';

const TYPED = new Set(['text', 'number', 'float', 'password', 'url', 'date', 'time', 'color', 'datetime-local']);
const TYPING_PAUSE = 300;

function typed(spec: InputItemSpec): boolean {
  return TYPED.has(spec.type) || (spec.type === 'textarea' && !spec.code);
}

/** The field an event came from: a key that names it, and its current spec. */
export type FieldOf = (target: EventTarget | null) => { key: string; spec: InputItemSpec } | null;

/** Call `report(key)` for each change of the fields under `root`. */
export function watchChanges(root: HTMLElement, fieldOf: FieldOf, report: (key: string) => void): void {
  const pending = new Map<string, number>(); // key -> timer of typing not reported yet
  const settle = (key: string): boolean => {
    const timer = pending.get(key);
    if (timer === undefined) return false;
    window.clearTimeout(timer);
    pending.delete(key);
    return true;
  };
  root.addEventListener('input', (event) => {
    const field = fieldOf(event.target);
    if (!field || !typed(field.spec)) return;
    settle(field.key);
    pending.set(field.key, window.setTimeout(() => {
      pending.delete(field.key);
      report(field.key);
    }, TYPING_PAUSE));
  });
  root.addEventListener('change', (event) => {
    const field = fieldOf(event.target);
    if (!field) return;
    if (typed(field.spec) && !settle(field.key)) return; // its typing was reported already
    report(field.key);
  });
}
