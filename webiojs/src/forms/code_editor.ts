// Turns a textarea field into a code editor, loading CodeMirror on first use. Until it has
// loaded (or if it cannot load) the plain textarea works.

import type { TextareaSpec } from '../protocol';
import type { TextField } from './field';

/** The ARIA state of the textarea that the editor's content element mirrors. */
const MIRRORED = ['aria-describedby', 'aria-invalid'];

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
      const editor = createEditor(holder, textarea.value, spec.code ?? {}, spec.rows, label.id);
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
