// Entry point: connect to the server and apply its commands to the page.

import { apiUrl, refusedApi } from './api_url';
import { openConnection } from './connection';
import { Dispatcher, type Effect } from './dispatcher';
import { activeFormElement, destroyForm, inputUpdate, showForm, updateForm } from './forms/form';
import { t } from './i18n';
import { OutputArea } from './output_area';
import { applyLanguage, applyPageConfig, setEnv } from './page_config';
import { pinOnChange, pinUnwait, pinUpdate, pinValue, pinWait } from './pin';
import { closePopup, showPopup } from './popup';
import { saveDownload } from './download';
import { exchangeLoginTicket } from './login';
import { afterHtmlScripts, startFrameScripts } from './html_scripts';
import { runScript } from './script';
import { exposePushData, SessionLink, showNotice } from './session';
import { showToast } from './toast';
import { pageElements } from './page_elements';

/** Room kept between a revealed form and the window's edges, in pixels. */
const FORM_MARGIN = 16;

/** Scroll a new form into view: all of it (its legend and labels too) when it fits the window,
 * else its top at the top, where its first field is; no scroll when it is in view already. The
 * form's first field was focused with preventScroll, so this is the only scroll. */
function revealForm(form: HTMLElement): void {
  if (!form.isConnected) return;
  if (form.closest('.pywebio-input-fixed')) {
    form.scrollIntoView({ block: 'nearest' }); // set_env(input_panel_fixed=True): the panel scrolls
    return;
  }
  const box = form.getBoundingClientRect();
  const view = document.documentElement.clientHeight;
  let by = 0;
  if (box.height + 2 * FORM_MARGIN > view || box.top < FORM_MARGIN) by = box.top - FORM_MARGIN;
  else if (box.bottom + FORM_MARGIN > view) by = box.bottom + FORM_MARGIN - view;
  if (by) window.scrollBy({ top: by, behavior: 'instant' });
}

async function start(): Promise<void> {
  applyLanguage(document.documentElement.dataset.pywebioLanguage ?? null); // a rendered page's config(language=), else the browser's
  const api = apiUrl();
  const refused = refusedApi(api);
  if (refused !== null) {
    showNotice('alert', 'alert alert-danger mt-4', t('apiRefused', { origin: refused }));
    return; // and no connection at all
  }
  const connection = await openConnection(api);
  const session = new SessionLink(connection);
  exposePushData(session);
  const area = new OutputArea(pageElements.output, session);

  const afterFrame = (effects: Set<Effect>): void => {
    area.afterFrame(effects.has('output'), effects.has('scrolled'));
    startFrameScripts(); // the frame's output is in its final place: put_html scripts may run
    const form = activeFormElement();
    // after the output area's own scroll (an animation frame callback registered before this one)
    if (effects.has('form') && form) requestAnimationFrame(() => revealForm(form));
  };

  const dispatcher = new Dispatcher(session, afterFrame)
    .on('output', (command) => (area.add(command.spec) ? 'output' : undefined))
    .on('set_anchor', (command) => area.setAnchor(command.spec.name, command.spec.id, command.spec.scope))
    .on('clear_before', (command) => area.clearBefore(command.spec.anchor, command.spec.id))
    .on('clear_after', (command) => area.clearAfter(command.spec.anchor, command.spec.id))
    .on('clear_range', (command) => area.clearRange(command.spec.start, command.spec.end))
    .on('remove', (command) => area.remove(command.spec.anchor, command.spec.id))
    .on('clear', (command) => area.clear(command.spec.scope))
    .on('scroll_to', (command) => {
      area.scrollTo(command.spec.anchor, command.spec.id, command.spec.position);
      return 'scrolled';
    })
    .on('style', (command) => area.style(command.spec.id, command.spec.css))
    .on('onclick', (command) => area.onClick(command.spec.id, command.spec.callback_id))
    .on('set_title', (command) => void (document.title = command.spec.title))
    .on('set_output_fixed_height', (command) => area.setFixedHeight(command.spec.enabled))
    .on('set_auto_scroll_bottom', (command) => area.setAutoScroll(command.spec.enabled))
    .on('set_env', (command) => setEnv(command.spec))
    .on('page_config', (command) => applyPageConfig(command.spec))
    .on('popup', (command) => showPopup(command.spec, area.context))
    .on('close_popup', () => closePopup())
    .on('toast', (command, link) => showToast(command.spec, link))
    .on('input_group', (command, link) => (showForm(command.task_id, command.spec, link), 'form'))
    .on('update_input', (command) => updateForm(command.task_id, command.spec))
    .on('input_update', (command) => inputUpdate(command.task_id, command.spec))
    .on('destroy_form', (command) => destroyForm(command.task_id))
    // pins put in the same frame must be on the page before they are read
    .on('pin_value', (command, link) => (area.flush(), pinValue(command.task_id, command.spec.names, link, command.spec.upload)))
    .on('pin_update', (command) => pinUpdate(command.spec))
    .on('pin_wait', (command) => pinWait(command.task_id, command.spec.names, command.spec.upload))
    .on('pin_unwait', (command) => pinUnwait(command.task_id))
    .on('pin_on_change', (command, link) => (area.flush(), pinOnChange(command.spec, link)))
    // the developer's script may look for output of the same frame: put it in the page first
    .on('run_script', (command, link) => {
      area.flush();
      // 1.x ran put_html scripts first
      afterHtmlScripts(() => runScript(command.task_id, command.spec, link), command.spec.code);
    })
    .on('download', (command) => saveDownload(command.spec))
    .on('login_cookie', (command, link) => exchangeLoginTicket(api, command.task_id, command.spec, link))
    .on('close_session', (command, link) => (area.flush(), link.end(command.spec))); // end() disables what is on the page
  connection.onCommands((commands) => {
    area.beforeFrame();
    dispatcher.dispatch(commands);
  });
  connection.onClose((ending) => {
    if (ending === 'busy') session.refused();
    else if (ending === 'restart') void reloadWhenServerAnswers();
    else session.end();
  });
}

/** A server in debug mode lost the session with the connection, as a restart with new code
 * does: reload, for a new session of the new code, once the page's own URL answers again (until
 * then the old page stays on screen, not the browser's error page). */
async function reloadWhenServerAnswers(): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(window.location.href, { cache: 'no-store' });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  window.location.reload();
}

void start();
