// The messages of docs/protocol.md, declared once. Change docs/protocol.md first.

interface InputItemBase {
  name: string;
  label: string;
  help_text: string;
  required: boolean;
  readonly: boolean;
  /** Report every change of the field in a `callback` event of the form. */
  onchange?: boolean;
  /** More HTML attributes of the control(s). */
  attrs?: Record<string, string | number | boolean>;
}

export type TextInputType = 'text' | 'number' | 'float' | 'password' | 'url' | 'date' | 'time' | 'color' | 'datetime-local';

export interface TextInputSpec extends InputItemBase {
  type: TextInputType;
  value: string | number | null;
  placeholder: string;
  datalist: string[] | null;
  attrs: Record<string, string | number | boolean>;
  /** A button beside the field; a click sends a `callback` event of the form. */
  action?: { label: string } | null;
}

export interface CodeOptions {
  mode?: string;
  theme?: string;
  lineNumbers?: boolean;
  lineWrapping?: boolean;
  indentUnit?: number;
  tabSize?: number;
  readOnly?: boolean;
}

export interface TextareaSpec extends InputItemBase {
  type: 'textarea';
  value: string;
  placeholder: string;
  rows: number;
  maxlength: number | null;
  minlength: number | null;
  code: CodeOptions | null;
}

export interface OptionSpec {
  label: string;
  selected: boolean;
  disabled: boolean;
}

export interface SelectSpec extends InputItemBase {
  type: 'select';
  options: OptionSpec[];
  multiple: boolean;
}

export interface CheckSpec extends InputItemBase {
  type: 'checkbox' | 'radio';
  options: OptionSpec[];
  inline: boolean;
}

export interface ActionButtonSpec {
  label: string;
  type: 'submit' | 'reset' | 'cancel' | 'callback';
  disabled: boolean;
  color?: string | null;
}

export interface ActionsSpec extends InputItemBase {
  type: 'actions';
  buttons: ActionButtonSpec[];
}

export interface FileSpec extends InputItemBase {
  type: 'file';
  accept: string | null;
  multiple: boolean;
  placeholder: string;
  max_size: number;
  max_total_size: number;
}

export interface SliderSpec extends InputItemBase {
  type: 'slider';
  value: number;
  min_value: number;
  max_value: number;
  step: number;
}

export type InputItemSpec = TextInputSpec | TextareaSpec | SelectSpec | CheckSpec | ActionsSpec | FileSpec | SliderSpec;

export interface FileMeta {
  filename: string;
  mime_type: string;
  /** seconds since the epoch, as 1.x gave it */
  last_modified: number;
  size: number;
}

/** What a field submits: see form_submit in docs/protocol.md. */
export type FieldValue = string | number[] | number | null | FileMeta[];

/** Where a form's (or pin reading's) files go: docs/protocol.md, "Uploading files". */
export interface UploadTarget {
  key: string;
  secret: string;
}

export interface InputGroupSpec {
  label: string;
  cancelable: boolean;
  inputs: InputItemSpec[];
  /** Present when the form has a file field. */
  upload?: UploadTarget;
  /** The id of the form's `callback` events, or null/absent when it sends none. */
  callback_id?: string | null;
}

/** The validity an input_update may set on a field. */
export interface Validity {
  valid_status?: boolean | null;
  invalid_feedback?: string;
  valid_feedback?: string;
}

export interface InputUpdateSpec {
  name: string;
  attributes: Record<string, unknown> & Validity;
}

/** `data` of a form's `callback` events (docs/protocol.md, "Events of an open form"). */
export type FormCallbackData =
  | { change: string; value: FieldValue }
  | { action: string }
  | { button: string; index: number };

export interface UpdateInputSpec {
  name: string;
  invalid_feedback: string | null;
}

/** A table cell or popup item: trusted HTML, text (1.x semantics), or an output sent earlier,
 * to be moved here. */
export type Cell = string | { text: string } | { output: number };

/** A table cell or grid item that covers several rows and/or columns (`span()` in Python). */
export interface SpannedCell {
  cell: Cell;
  rowspan: number;
  colspan: number;
}

export type TableCell = Cell | SpannedCell;

/** Fields every output spec has: its id, and where it goes (see "output" in docs/protocol.md). */
export interface OutputPlacement {
  id: number;
  anchor?: string;
  before?: string;
  after?: string;
  /** the box (scope) it goes into; the output area itself when absent */
  scope?: string;
  /** insert before this output (of the same box) instead of at the end of the box */
  before_id?: number;
  /** this output is, or holds, the box of this name */
  box?: string;
}

export interface ScopeOutputSpec extends OutputPlacement {
  type: 'scope';
  name: string;
}

export interface CollapseOutputSpec extends OutputPlacement {
  type: 'collapse';
  title: string;
  open: boolean;
}

export interface ScrollableOutputSpec extends OutputPlacement {
  type: 'scrollable';
  /** CSS lengths: a fixed height, or [min, max] */
  height: string | [string, string];
  keep_bottom: boolean;
  border: boolean;
}

export interface TextOutputSpec extends OutputPlacement {
  type: 'text';
  content: string;
  inline: boolean;
}

export interface MarkdownOutputSpec extends OutputPlacement {
  type: 'markdown';
  content: string;
  sanitize: boolean;
  /** typeset TeX between dollars (absent: false) */
  math?: boolean;
}

export interface HtmlOutputSpec extends OutputPlacement {
  type: 'html';
  content: string;
  sanitize?: boolean;
}

export interface CodeOutputSpec extends OutputPlacement {
  type: 'code';
  content: string;
  language: string;
  rows?: number | null;
}

export interface LinkOutputSpec extends OutputPlacement {
  type: 'link';
  name: string;
  url: string;
  new_window: boolean;
}

export interface ImageOutputSpec extends OutputPlacement {
  type: 'image';
  src: string;
  title: string;
  width: string | null;
  height: string | null;
}

export interface FileOutputSpec extends OutputPlacement {
  type: 'file';
  name: string;
  /** the file's bytes, base64 */
  content: string;
  label: string;
}

export interface TableOutputSpec extends OutputPlacement {
  type: 'table';
  header: TableCell[] | null;
  rows: TableCell[][];
}

export type BootstrapColor = 'primary' | 'secondary' | 'success' | 'danger' | 'warning' | 'info' | 'light' | 'dark';

export interface ButtonsOutputSpec extends OutputPlacement {
  type: 'buttons';
  buttons: { label: string; color?: BootstrapColor | null; disabled?: boolean }[];
  callback_id: string | null;
  small: boolean;
  link_style: boolean;
  outline?: boolean;
  group?: boolean;
}

/** Outputs that hold a box (a scope) that later output can go into. */
interface BoxHolder {
  box?: string;
}

export interface RowOutputSpec extends OutputPlacement, BoxHolder {
  type: 'row' | 'column';
  /** embedded outputs; null for a gap */
  items: ({ output: number } | null)[];
  /** a CSS grid track list */
  size: string;
}

export interface GridOutputSpec extends OutputPlacement {
  type: 'grid';
  cells: (TableCell | null)[];
  columns: string;
  rows: string;
  direction: 'row' | 'column';
}

export interface TabsOutputSpec extends OutputPlacement {
  type: 'tabs';
  tabs: { title: string; content: Cell[] }[];
}

export interface WidgetOutputSpec extends OutputPlacement {
  type: 'widget';
  template: string;
  /** JSON; an embedded output is {"$output": id} */
  data: Record<string, unknown>;
}

export interface AlertOutputSpec extends OutputPlacement, BoxHolder {
  type: 'alert';
  color: 'info' | 'success' | 'warning' | 'danger';
  contents: Cell[];
  closable: boolean;
}

export interface LoadingOutputSpec extends OutputPlacement, BoxHolder {
  type: 'loading';
  shape: 'border' | 'grow';
  color: BootstrapColor;
}

export interface ProgressbarOutputSpec extends OutputPlacement {
  type: 'progressbar';
  /** 0 to 1 */
  value: number;
  label: string;
  auto_close: boolean;
}

export interface SetProgressbarSpec {
  id: number;
  value: number;
  label: string;
}

/** A pin widget: an input item shown as output (see "Pin widgets" in docs/protocol.md). */
export interface PinOutputSpec extends OutputPlacement {
  type: 'pin';
  rev: number;
  input: InputItemSpec;
}

export interface PinUpdateSpec {
  name: string;
  rev: number;
  attributes: Record<string, unknown>;
}

export interface PinOnChangeSpec {
  name: string;
  callback_id: string | null;
  clear: boolean;
  init_run: boolean;
}

/** A pin widget's value as reported: the raw value read against revision `rev`. */
export interface PinReading {
  rev: number;
  value?: FieldValue;
}

/** A row's id: a number for a table without `id_path`, a string for one with it. */
export type RowId = number | string;

/** Records in compact form: every path once, then one list of values per record. */
export interface CompactRecords {
  columns: string[][];
  rows: unknown[][];
}

/** The column tree of `column_order`: [key, children or null]. */
export type ColumnOrder = [string, ColumnOrder | null][];

/** A JavaScript function of the developer's, put at `where` in the spec. */
export interface DatatableFunction {
  where: (string | number)[];
  params: string[];
  body: string;
}

export interface DatatableOutputSpec extends OutputPlacement, CompactRecords {
  type: 'datatable';
  id_path: string[] | null;
  order: ColumnOrder | null;
  /** action labels; null is a separator */
  actions: (string | null)[];
  onselect: boolean;
  callback_id: string | null;
  multiple_select: boolean;
  /** a CSS height, or 'auto' */
  height: string;
  theme: string;
  cell_content_bar: boolean;
  instance_id: string;
  /** [key or path, AG Grid column options] */
  column_args: [string | string[], Record<string, unknown>][];
  grid_args: Record<string, unknown>;
  functions: DatatableFunction[];
}

/** `datatable_update`: all the rows, one row, or one value. */
export type DatatableUpdateSpec =
  | ({ id: number } & CompactRecords)
  | ({ id: number; row_id: RowId } & CompactRecords)
  | { id: number; row_id: RowId; path: string[]; value: unknown };

export interface DatatableInsertSpec extends CompactRecords {
  id: number;
  before: RowId | null;
}

export interface DatatableRemoveSpec {
  id: number;
  row_ids: RowId[];
}

/** `data` of a data table's `callback` events. */
export type DatatableCallbackData = { rows: RowId[] } | { action: number; rows: RowId[] };

export type OutputSpec =
  | DatatableOutputSpec
  | PinOutputSpec
  | TextOutputSpec
  | MarkdownOutputSpec
  | HtmlOutputSpec
  | CodeOutputSpec
  | LinkOutputSpec
  | ImageOutputSpec
  | FileOutputSpec
  | TableOutputSpec
  | ButtonsOutputSpec
  | ScopeOutputSpec
  | CollapseOutputSpec
  | ScrollableOutputSpec
  | RowOutputSpec
  | GridOutputSpec
  | TabsOutputSpec
  | WidgetOutputSpec
  | AlertOutputSpec
  | LoadingOutputSpec
  | ProgressbarOutputSpec;

export interface PopupSpec {
  title: string;
  /** the name of the popup's body as a box: output sent into this scope goes into the popup */
  box?: string;
  content: Cell[];
  size: 'large' | 'normal' | 'small';
  implicit_close: boolean;
  closable: boolean;
}

export interface ToastSpec {
  content: string;
  /** seconds; 0 keeps the toast until it is closed */
  duration: number;
  position: 'left' | 'center' | 'right';
  color: 'info' | 'error' | 'warn' | 'success';
  callback_id: string | null;
}

export type ScrollPosition = 'top' | 'middle' | 'bottom';

export interface RunScriptSpec {
  code: string;
  args: Record<string, unknown>;
  eval: boolean;
}

/** `set_env`: only the settings given change. */
export interface SetEnvSpec {
  output_animation?: boolean;
  output_max_width?: string;
  input_auto_focus?: boolean;
  input_panel_fixed?: boolean;
  input_panel_min_height?: number;
  input_panel_init_height?: number;
  /** the page's language for this session: a code such as 'de'; null: the browser's */
  language?: string | null;
}

/** `page_config`: the app's page configuration, for a page served as a static file. */
export interface PageConfigSpec {
  title: string | null;
  description: string | null;
  theme: string | null;
  js_code: string | null;
  js_file: string[];
  css_style: string | null;
  css_file: string[];
  /** the app's language (`config(language=...)`), a code such as 'de'; null: the browser's */
  language: string | null;
}

/** `login_cookie`: a one-use ticket to exchange for the login cookie (docs/protocol.md, Logging in). */
export interface LoginCookieSpec {
  ticket: string;
}

export interface DownloadSpec {
  name: string;
  content: string; // base64
}

/** Why the session ended, when not normally (docs/protocol.md, close_session). */
export interface CloseSessionSpec {
  reason: 'error' | string;
  /** The task's traceback when the server runs with debug=True, else null. */
  traceback: string | null;
}

export type Command =
  | { command: 'input_group'; task_id: string; spec: InputGroupSpec }
  | { command: 'update_input'; task_id: string; spec: UpdateInputSpec }
  | { command: 'input_update'; task_id: string; spec: InputUpdateSpec }
  | { command: 'destroy_form'; task_id: string; spec: null }
  | { command: 'output'; task_id: null; spec: OutputSpec }
  | { command: 'set_anchor'; task_id: null; spec: { name: string; id: number; scope?: string } }
  | { command: 'clear_before'; task_id: null; spec: { anchor: string; id: number } }
  | { command: 'clear_after'; task_id: null; spec: { anchor: string; id: number } }
  | { command: 'clear_range'; task_id: null; spec: { start: string; end: string } }
  | { command: 'remove'; task_id: null; spec: { anchor?: string; id: number } }
  | { command: 'scroll_to'; task_id: null; spec: { anchor: string; id?: number; position: ScrollPosition } }
  | { command: 'clear'; task_id: null; spec: { scope: string } }
  | { command: 'style'; task_id: null; spec: { id: number; css: string } }
  | { command: 'onclick'; task_id: null; spec: { id: number; callback_id: string } }
  | { command: 'set_title'; task_id: null; spec: { title: string } }
  | { command: 'set_output_fixed_height'; task_id: null; spec: { enabled: boolean } }
  | { command: 'set_auto_scroll_bottom'; task_id: null; spec: { enabled: boolean } }
  | { command: 'set_env'; task_id: null; spec: SetEnvSpec }
  | { command: 'page_config'; task_id: null; spec: PageConfigSpec }
  | { command: 'set_progressbar'; task_id: null; spec: SetProgressbarSpec }
  | { command: 'datatable_update'; task_id: null; spec: DatatableUpdateSpec }
  | { command: 'datatable_insert'; task_id: null; spec: DatatableInsertSpec }
  | { command: 'datatable_remove'; task_id: null; spec: DatatableRemoveSpec }
  | { command: 'popup'; task_id: null; spec: PopupSpec }
  | { command: 'close_popup'; task_id: null; spec: null }
  | { command: 'toast'; task_id: null; spec: ToastSpec }
  | { command: 'run_script'; task_id: string | null; spec: RunScriptSpec }
  | { command: 'download'; task_id: null; spec: DownloadSpec }
  | { command: 'login_cookie'; task_id: string; spec: LoginCookieSpec }
  | { command: 'close_session'; task_id: null; spec: CloseSessionSpec | null }
  | { command: 'pin_value'; task_id: string; spec: { names: string[]; upload?: UploadTarget } }
  | { command: 'pin_update'; task_id: null; spec: PinUpdateSpec }
  | { command: 'pin_wait'; task_id: string; spec: { names: string[]; upload?: UploadTarget } }
  | { command: 'pin_unwait'; task_id: string; spec: null }
  | { command: 'pin_on_change'; task_id: null; spec: PinOnChangeSpec };

export type CommandName = Command['command'];

export type ClientEvent =
  | { event: 'form_submit'; task_id: string; data: Record<string, FieldValue> | null }
  | { event: 'callback'; task_id: string; data: number | null | PinReading | FormCallbackData | DatatableCallbackData }
  | { event: 'pin_value'; task_id: string; data: Record<string, PinReading | null> }
  | { event: 'pin_change'; task_id: string; data: PinReading & { name: string } }
  | { event: 'js_result'; task_id: string; data: { value: unknown } | { error: string } }
  | { event: 'login_cookie'; task_id: string; data: { ok: boolean; status: number | null } };
