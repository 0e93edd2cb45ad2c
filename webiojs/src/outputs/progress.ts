// put_loading and put_progressbar, and the commands that change them after they are shown.

import { handleOutputCommand } from '../dispatcher';
import { t } from '../i18n';
import type { BootstrapColor, LoadingOutputSpec, ProgressbarOutputSpec, SetProgressbarSpec } from '../protocol';
import type { RenderContext } from './context';
import { findOutput } from './own';

const COLORS = new Set<BootstrapColor>(['primary', 'secondary', 'success', 'danger', 'warning', 'info', 'light', 'dark']);

export function renderLoading(spec: LoadingOutputSpec, context: RenderContext): HTMLElement {
  const root = document.createElement('div');
  root.className = 'pywebio-loading';
  const spinner = document.createElement('div');
  const color = COLORS.has(spec.color) ? spec.color : 'dark';
  spinner.className = (spec.shape === 'grow' ? 'spinner-grow' : 'spinner-border') + ' text-' + color;
  spinner.setAttribute('role', 'status');
  const hidden = document.createElement('span');
  hidden.className = 'visually-hidden';
  hidden.textContent = t('loading');
  spinner.appendChild(hidden);
  root.appendChild(spinner);
  if (spec.box) {
    const body = document.createElement('div'); // what is put inside `with put_loading():`
    root.appendChild(body);
    context.registerBox(spec.box, body);
  }
  return root;
}

function showProgress(bar: HTMLElement, value: number, label: string): void {
  const shown = Number.isFinite(value) ? value : 0;
  bar.setAttribute('aria-valuenow', String(shown));
  bar.style.width = Math.min(Math.max(shown, 0), 1) * 100 + '%';
  bar.textContent = label;
  bar.setAttribute('aria-label', label || t('progress')); // a progress bar's name is never its text
}

export function renderProgressbar(spec: ProgressbarOutputSpec): HTMLElement {
  const track = document.createElement('div');
  track.className = 'pywebio-progress progress';
  const bar = document.createElement('div');
  bar.className = 'progress-bar progress-bar-striped progress-bar-animated bg-info';
  bar.setAttribute('role', 'progressbar');
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '1');
  if (spec.auto_close) track.dataset.autoClose = '';
  showProgress(bar, spec.value, spec.label);
  track.appendChild(bar);
  return track;
}

// The output a command names may still be waiting to enter the page with the rest of its frame:
// then the command runs once the frame is applied (a microtask, before the next paint). Commands
// that wait keep their order.
let waiting: (() => void)[] | null = null;

function withOutput(id: number, action: (element: HTMLElement) => void): void {
  const run = (): void => {
    const element = findOutput(id);
    if (element instanceof HTMLElement) action(element);
  };
  if (waiting === null) {
    if (findOutput(id)) return run();
    waiting = [];
    queueMicrotask(() => {
      const queued = waiting!;
      waiting = null;
      for (const action of queued) action();
    });
  }
  waiting.push(run);
}

handleOutputCommand('set_progressbar', ({ spec }: { spec: SetProgressbarSpec }) => {
  withOutput(spec.id, (track) => {
    const bar = track.querySelector<HTMLElement>('[role="progressbar"]');
    if (!bar) return;
    showProgress(bar, spec.value, spec.label);
    if (spec.value >= 1 && track.dataset.autoClose !== undefined) track.remove();
  });
});
