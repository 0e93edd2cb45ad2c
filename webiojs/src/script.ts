// run_js / eval_js: run the developer's JavaScript with named arguments, and for eval send the
// (awaited) value back as JSON.

import type { RunScriptSpec } from './protocol';
import type { SessionLink } from './session';

function reply(session: SessionLink, taskId: string, outcome: { value: unknown } | { error: string }): void {
  session.send({ event: 'js_result', task_id: taskId, data: outcome });
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The function that runs the code with the named arguments. eval's code is an expression, or,
 * as 1.x ran it through JavaScript's eval, statements whose last value is the result
 * (`new Promise(...);` with its semicolon, `let x = 2; x * 3`). */
function compile(names: string[], spec: RunScriptSpec): (...values: unknown[]) => unknown {
  if (!spec.eval) return new Function(...names, spec.code) as (...values: unknown[]) => unknown;
  try {
    return new Function(...names, `return (${spec.code}\n);`) as (...values: unknown[]) => unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return new Function(...names, `return eval(${JSON.stringify(spec.code)});`) as (...values: unknown[]) => unknown;
  }
}

export function runScript(taskId: string | null, spec: RunScriptSpec, session: SessionLink): void {
  const names = Object.keys(spec.args);
  const values = names.map((name) => spec.args[name]);
  let result: unknown;
  try {
    result = compile(names, spec)(...values);
  } catch (error) {
    if (spec.eval && taskId !== null) reply(session, taskId, { error: describe(error) });
    else console.error('PyWebIO: run_js() code threw', error);
    return;
  }
  if (!spec.eval || taskId === null) return;
  Promise.resolve(result).then(
    (value) => {
      let json: unknown;
      try {
        json = value === undefined ? null : JSON.parse(JSON.stringify(value) ?? 'null');
      } catch (error) {
        reply(session, taskId, { error: 'the value is not JSON-serialisable: ' + describe(error) });
        return;
      }
      reply(session, taskId, { value: json });
    },
    (error) => reply(session, taskId, { error: describe(error) }),
  );
}
