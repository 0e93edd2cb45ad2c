// The page's own elements, found once, when the module runs: before any output exists. Content
// of the app's users (Markdown, HTML) may hold any id, so the page never looks its own elements
// up by id again: an id="input-container" in a post cannot take the next form (DOM clobbering).

function required(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`PyWebIO: the page has no #${id}`);
  return element;
}

/** `<main id="pywebio">` and its three parts: outputs, the form, the session's notices. */
export const pageElements = {
  root: required('pywebio'),
  output: required('output-container'),
  input: required('input-container'),
  status: required('session-status'),
};
