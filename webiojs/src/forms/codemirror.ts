// The code editor of textarea(code=...): CodeMirror 6. This module is heavy, so it is only
// imported (as its own chunk) when a form first needs it.

import { basicSetup, minimalSetup } from 'codemirror';
import { Compartment, EditorState, type Extension, Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { indentUnit } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { markdown } from '@codemirror/lang-markdown';
import { python } from '@codemirror/lang-python';
import { sql } from '@codemirror/lang-sql';
import { darcula } from '@uiw/codemirror-theme-darcula';
import type { CodeOptions } from '../protocol';

const languages: Record<string, () => Extension> = {
  python, javascript, js: javascript, markdown, md: markdown, sql,
  'text/x-python': python, 'text/javascript': javascript, 'text/x-markdown': markdown, 'text/x-sql': sql,
};

export interface CodeEditor {
  readonly content: HTMLElement;
  value(): string;
  setDisabled(disabled: boolean): void;
  focus(): void;
  reset(): void;
}

/** ``onEdit`` is called after each change the person makes (typing, pasting, undo...), not after
 * `reset`. */
export function createEditor(parent: HTMLElement, initial: string, options: CodeOptions, rows: number,
  labelId: string, onEdit: () => void = () => undefined): CodeEditor {
  const readOnly = Boolean(options.readOnly);
  const editable = new Compartment();
  const height = `${rows * 1.5}em`;
  const extensions: Extension[] = [
    options.lineNumbers === false ? minimalSetup : basicSetup,
    EditorState.tabSize.of(options.tabSize ?? 4),
    indentUnit.of(' '.repeat(options.indentUnit ?? 4)),
    EditorView.contentAttributes.of({ 'aria-labelledby': labelId }),
    EditorState.readOnly.of(readOnly),
    editable.of(EditorView.editable.of(!readOnly)),
    EditorView.theme({ '.cm-content, .cm-gutter': { minHeight: height } }),
    EditorView.updateListener.of((update) => {
      if (update.transactions.some((tr) => tr.docChanged && tr.annotation(Transaction.userEvent) !== undefined)) onEdit();
    }),
  ];
  if (options.lineWrapping) extensions.push(EditorView.lineWrapping);
  const language = languages[(options.mode ?? '').toLowerCase()];
  if (language) extensions.push(language());
  if ((options.theme ?? '').toLowerCase() === 'darcula') extensions.push(darcula);
  const view = new EditorView({ doc: initial, extensions, parent });
  return {
    content: view.contentDOM,
    value: () => view.state.doc.toString(),
    setDisabled: (disabled) =>
      view.dispatch({ effects: editable.reconfigure(EditorView.editable.of(!disabled && !readOnly)) }),
    focus: () => view.focus(),
    reset: () => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: initial } }),
  };
}
