// The messages of docs/protocol.md, declared once. Change docs/protocol.md first.

export interface InputItemSpec {
  type: 'text' | 'number' | 'float' | 'password';
  name: string;
  label: string;
  value: string | number | null;
  placeholder: string;
  help_text: string;
  required: boolean;
}

export interface InputGroupSpec {
  label: string;
  cancelable: boolean;
  inputs: InputItemSpec[];
}

export interface UpdateInputSpec {
  name: string;
  invalid_feedback: string | null;
}

export interface TextOutputSpec {
  type: 'text';
  content: string;
  inline: boolean;
}

export interface ButtonsOutputSpec {
  type: 'buttons';
  buttons: { label: string }[];
  callback_id: string;
  small: boolean;
  link_style: boolean;
}

export type OutputSpec = TextOutputSpec | ButtonsOutputSpec;

export interface RunScriptSpec {
  code: string;
  args: Record<string, unknown>;
  eval: boolean;
}

export type Command =
  | { command: 'input_group'; task_id: string; spec: InputGroupSpec }
  | { command: 'update_input'; task_id: string; spec: UpdateInputSpec }
  | { command: 'destroy_form'; task_id: string; spec: null }
  | { command: 'output'; task_id: null; spec: OutputSpec }
  | { command: 'run_script'; task_id: string | null; spec: RunScriptSpec }
  | { command: 'close_session'; task_id: null; spec: null };

export type CommandName = Command['command'];

export type ClientEvent =
  | { event: 'form_submit'; task_id: string; data: Record<string, string> | null }
  | { event: 'callback'; task_id: string; data: number }
  | { event: 'js_result'; task_id: string; data: { value: unknown } | { error: string } };
