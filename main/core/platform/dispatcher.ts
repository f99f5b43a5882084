import type { z } from 'zod';
import {
  commands,
  isCommandName,
  type CommandError,
  type CommandName,
  type CommandOutput,
  type CommandResult,
  type ValidCommandInput,
} from '../../../shared/contract/contract';
import {
  CloudFailure,
  explainFailure,
  failedHead,
  failureSentence,
  logLine,
  unwrapFailure,
} from './cloud-errors';
import { purposeOf } from './command-purposes';
import { UserFacingError } from './errors';

export type Handlers = {
  readonly [N in CommandName]: (input: ValidCommandInput<N>) => Promise<CommandOutput<N>> | CommandOutput<N>;
};

export interface DispatchLog {
  /** A bug in Switchboard: logged as a crash, with its stack. */
  error(message: string, error: unknown): void;
  /** A failure of the network or a Microsoft service: one line, no stack (console.warn when absent). */
  warn?(message: string): void;
}

/**
 * The one entry point every carrier (Electron IPC, the browser host's WebSocket, tests) calls. It
 * trusts nothing: the name must be a command of the contract and the input must pass that command's
 * schema before a handler sees it. Every failure comes back as a value the user can act on, put in
 * words once, here (cloud-errors.ts), naming what the command was doing (command-purposes.ts). Only
 * Switchboard's own bugs are logged as crashes; a network or Microsoft failure is a one-line warning.
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  input: unknown,
  log: DispatchLog,
): Promise<CommandResult<unknown>> {
  if (!isCommandName(name)) {
    return fail({
      code: 'invalid_input',
      message: `"${String(name).slice(0, 80)}" is not a Switchboard command.`,
    });
  }
  const parsed = (commands[name].input as z.ZodType).safeParse(input ?? {});
  if (!parsed.success) return fail(invalidInput(parsed.error));
  try {
    const handler = handlers[name] as (i: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (thrown) {
    const error = unwrapFailure(thrown);
    const purpose = purposeOf(name);
    const warn = log.warn ?? ((m: string) => console.warn(m));
    if (error instanceof CloudFailure) {
      warn(`Command ${name} failed: ${logLine(error.explanation, error)}`);
      return fail({ code: error.code, message: `${failedHead(purpose)}${error.message}` });
    }
    if (error instanceof UserFacingError) return fail(error.toCommandError());
    const explanation = explainFailure(error, purpose);
    if (explanation.kind === 'bug') log.error(`Command ${name} failed`, error);
    else warn(`Command ${name} failed: ${logLine(explanation, error)}`);
    return fail({ code: explanation.code, message: failureSentence(explanation, purpose) });
  }
}

function fail(error: CommandError): CommandResult<never> {
  return { ok: false, error };
}

function invalidInput(error: z.ZodError): CommandError {
  const issues = error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'input',
    message:
      issue.code === 'unrecognized_keys' ? `Unexpected field(s): ${issue.keys.join(', ')}.` : issue.message,
  }));
  return { code: 'invalid_input', message: issues.map((i) => i.message).join(' '), issues };
}
