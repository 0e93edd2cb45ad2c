// Entry point: connect to the server and apply its commands to the page.

import { apiUrl, webSocketUrl } from './api_url';
import { WebSocketConnection } from './connection';
import { Dispatcher, type Effect } from './dispatcher';
import { activeFormElement, destroyForm, showForm, updateForm } from './forms/form';
import { language } from './i18n';
import { appendOutput } from './outputs/index';
import { runScript } from './script';
import { SessionLink } from './session';

function scrollAfter(effects: Set<Effect>): void {
  const form = activeFormElement();
  if (effects.has('form') && form) form.scrollIntoView({ block: 'nearest' });
  else if (effects.has('output')) window.scrollTo(0, document.documentElement.scrollHeight);
}

function start(): void {
  if (language === 'zh') document.documentElement.lang = 'zh';
  const connection = new WebSocketConnection(webSocketUrl(apiUrl()));
  const session = new SessionLink(connection);
  const dispatcher = new Dispatcher(session, scrollAfter)
    .on('output', (command, link) => (appendOutput(command.spec, link), 'output'))
    .on('input_group', (command, link) => (showForm(command.task_id, command.spec, link), 'form'))
    .on('update_input', (command) => updateForm(command.task_id, command.spec))
    .on('destroy_form', (command) => destroyForm(command.task_id))
    .on('run_script', (command, link) => runScript(command.task_id, command.spec, link))
    .on('close_session', (_command, link) => link.end());
  connection.onCommands((commands) => dispatcher.dispatch(commands));
  connection.onClose(() => session.end());
}

start();
