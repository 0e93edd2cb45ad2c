// Turns a textarea field into a code editor, loading CodeMirror on first use. Until it has
// loaded (or if it cannot load) the plain textarea works. The person's edits reach the textarea
// as a 'change' event (what forms' onchange and pin widgets listen to) once typing pauses for
// COMMIT_DELAY ms, or when the editor loses focus.

import type { TextareaSpec } from '../protocol';
import type { TextField } from './field';

/** The ARIA state of the textarea that the editor's content element mirrors. */
const MIRRORED = ['aria-describedby', 'aria-invalid'];
const COMMIT_DELAY = 300;

export function attachCodeEditor(field: TextField, spec: TextareaSpec): void {
  const textarea = field.control;
  import('./codemirror')
    .then(({ createEditor }) => {
      if (!textarea.isConnected) return; // the form went away meanwhile
      const label = field.element.querySelector('label')!;
      const holder = document.createElement('div');
      holder.className = 'pywebio-code-editor form-control p-0';
      textarea.after(holder);
      const hadFocus = document.activeElement === textarea;
      let timer: number | undefined;
      let edited = false;
      const commit = (): void => {
        window.clearTimeout(timer);
        if (!edited || !textarea.isConnected) return;
        edited = false;
        textarea.value = editor.value();
        textarea.dispatchEvent(new Event('change', { bubbles: true }));
      };
      const editor = createEditor(holder, textarea.value, spec.code ?? {}, spec.rows, label.id, () => {
        edited = true;
        window.clearTimeout(timer);
        timer = window.setTimeout(commit, COMMIT_DELAY);
      });
      holder.addEventListener('focusout', commit);
      // one labelled control: the editor takes the textarea's place
      label.htmlFor = '';
      label.addEventListener('click', () => editor.focus());
      textarea.hidden = true;
      textarea.removeAttribute('id');
      field.editor = editor;
      if (hadFocus) editor.focus(); // whoever was typing goes on typing, in the editor
      const mirror = (): void => {
        for (const name of MIRRORED) {
          const value = textarea.getAttribute(name);
          if (value) editor.content.setAttribute(name, value);
          else editor.content.removeAttribute(name);
        }
        editor.setDisabled(textarea.disabled);
      };
      mirror();
      new MutationObserver(mirror).observe(textarea, { attributes: true, attributeFilter: [...MIRRORED, 'disabled'] });
      holder.addEventListener('keyup', () => field.setError(null));
    })
    .catch((error) => console.error('PyWebIO: the code editor could not load; using a plain text area', error));
}
