// The popup: one modal dialog at a time, with Bootstrap's modal CSS and our own behaviour
// (no Bootstrap JavaScript). While it is open the page behind it is inert; Escape and the Close
// button close it when it is closable, a click on the backdrop when implicit_close is set too.

import type { PopupSpec } from './protocol';
import type { RenderContext } from './outputs/index';
import { fillCell } from './outputs/table';
import { t } from './i18n';
import { pageElements } from './page_elements';

const SIZE_CLASS: Record<PopupSpec['size'], string> = { large: ' modal-lg', normal: '', small: ' modal-sm' };

interface OpenPopup {
  root: HTMLElement;
  backdrop: HTMLElement;
  opener: Element | null;
  onKey: (event: KeyboardEvent) => void;
}

let open: OpenPopup | null = null;
let serial = 0;

/** The page behind the popup; made inert while the popup is open. */
function background(): HTMLElement | null {
  return pageElements.root;
}

export function showPopup(spec: PopupSpec, context: RenderContext): void {
  const opener = open ? open.opener : document.activeElement;
  if (open) dismiss(false);

  const titleId = `pywebio-popup-title-${++serial}`;
  const root = document.createElement('div');
  root.className = 'modal d-block pywebio-popup';
  root.tabIndex = -1;
  root.setAttribute('role', 'dialog');
  root.setAttribute('aria-modal', 'true');
  root.setAttribute('aria-labelledby', titleId);

  const dialog = document.createElement('div');
  dialog.className = 'modal-dialog modal-dialog-scrollable' + (SIZE_CLASS[spec.size] ?? '');
  const content = document.createElement('div');
  content.className = 'modal-content';
  const header = document.createElement('div');
  header.className = 'modal-header';
  const title = document.createElement('h2');
  title.className = 'modal-title fs-5';
  title.id = titleId;
  title.textContent = spec.title;
  header.appendChild(title);
  if (spec.closable) {
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'btn-close';
    close.setAttribute('aria-label', t('close'));
    close.dataset.pywebioChrome = '';
    close.addEventListener('click', () => closePopup());
    header.appendChild(close);
  }
  const body = document.createElement('div');
  body.className = 'modal-body';
  for (const item of spec.content) fillCell(body, item, context);
  if (spec.box) context.registerBox(spec.box, body);
  content.append(header, body);
  dialog.appendChild(content);
  root.appendChild(dialog);

  if (spec.closable && spec.implicit_close) {
    // a click that both starts and ends on the backdrop (not a drag out of the dialog)
    let downOnBackdrop = false;
    root.addEventListener('mousedown', (event) => (downOnBackdrop = event.target === root));
    root.addEventListener('click', (event) => {
      if (downOnBackdrop && event.target === root) closePopup();
    });
  }
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && spec.closable) {
      event.preventDefault();
      closePopup();
    }
  };
  document.addEventListener('keydown', onKey);

  const backdrop = document.createElement('div');
  backdrop.className = 'modal-backdrop show';
  document.body.append(backdrop, root);
  document.body.classList.add('modal-open');
  const page = background();
  if (page) page.inert = true;
  open = { root, backdrop, opener, onKey };
  root.focus({ preventScroll: true });
}

function dismiss(restoreFocus: boolean): void {
  if (!open) return;
  const { root, backdrop, opener, onKey } = open;
  open = null;
  document.removeEventListener('keydown', onKey);
  root.remove();
  backdrop.remove();
  if (!restoreFocus) return;
  document.body.classList.remove('modal-open');
  const page = background();
  if (page) page.inert = false;
  if (opener instanceof HTMLElement && opener.isConnected) opener.focus({ preventScroll: true });
}

/** Close the open popup, if any, and give focus back to where it was. */
export function closePopup(): void {
  dismiss(true);
}
