// The page's own words in English. Every language of ../i18n.ts has exactly these keys (a missing
// or extra key is a compile error); `{name}` is filled by t(). The server's own words, which
// include the validation messages here, are in pywebio/_languages.py
// (test/unit/test_language_tables.py checks that the two agree).

export const en = {
  /** how numbers are written: the decimal sign, and the digits 0 to 9 */
  decimalSign: '.',
  digits: '0123456789',
  submit: 'Submit',
  reset: 'Reset',
  cancel: 'Cancel',
  required: 'This field is required.',
  integer: 'Please enter an integer.',
  number: 'Please enter a number.',
  url: 'Please enter a URL.',
  date: 'Please enter a valid date.',
  time: 'Please enter a valid time.',
  color: 'Please choose a color.',
  datetimeLocal: 'Please enter a valid date and time.',
  tooLong: 'Please use at most {n} characters.',
  tooShort: 'Please use at least {n} characters.',
  fileTooLarge: 'The file "{name}" is larger than {size}.',
  filesTooLarge: 'The files are larger than {size} in total.',
  sizeB: '{n} bytes',
  sizeKB: '{n} KB',
  sizeMB: '{n} MB',
  sizeGB: '{n} GB',
  sessionOver: 'The session has ended. Reload the page to start a new one.',
  appError: 'The app stopped because of an error. Reload the page to start again.',
  serverBusy: 'The server is busy: too many people are using it right now. Please try again in a little while.',
  uploadProgress: 'Upload progress',
  uploadCancel: 'Cancel upload',
  uploadCancelled: 'Upload cancelled.',
  uploadDone: '{done} of {total} ({percent}%)',
  uploadStopped: 'The upload stopped: the form no longer takes files. Reload the page.',
  progress: 'Progress',
  close: 'Close',
  output: 'Output',
  scrollable: 'Scrollable content',
  loading: 'Loading...',
  reconnecting: 'Reconnecting…',
  apiRefused: 'This page does not connect to {origin}: the pywebio_api address of its link is not a server this app allows.',
  rowSelected: '1 row selected',
  rowsSelected: '{n} rows selected',
  unselect: 'Unselect',
  rowActions: 'Actions for the selected rows',
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
