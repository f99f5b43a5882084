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
import { UserFacingError } from './errors';

export type Handlers = {
  readonly [N in CommandName]: (input: ValidCommandInput<N>) => Promise<CommandOutput<N>> | CommandOutput<N>;
};

export interface DispatchLog {
  error(message: string, error: unknown): void;
}

/**
 * The one entry point every carrier (Electron IPC, the browser host's WebSocket, tests) calls. It
 * trusts nothing: the name must be a command of the contract and the input must pass that command's
 * schema before a handler sees it. Failures come back as values the user can act on; an unexpected
 * exception is logged and reported without its stack.
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
  } catch (error) {
    if (error instanceof UserFacingError) return fail(error.toCommandError());
    log.error(`Command ${name} failed`, error);
    return fail({
      code: 'internal',
      message: `Switchboard could not complete "${name}" because of an unexpected problem (${error instanceof Error ? error.message : String(error)}). Nothing was changed. Try again; if it keeps happening, the log has details.`,
    });
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

/** Narrows a result for callers that know the command's output type. */
export function resultOf<N extends CommandName>(
  _name: N,
  result: CommandResult<unknown>,
): CommandResult<CommandOutput<N>> {
  return result as CommandResult<CommandOutput<N>>;
}
