/**
 * Carries the contract over Electron IPC: one `ipcMain.handle` per command, on the command's own
 * channel, and core's events to our windows on the one event channel. Core validates every input;
 * this layer decides only who may talk at all.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import {
  COMMAND_NAMES,
  commandChannel,
  EVENT_CHANNEL,
  type CommandResult,
} from '../../shared/contract/contract';
import type { SwitchboardCore } from '../core/compose';
import { isTrustedSender } from './policy/trusted-sender';
import { allOurWindows, ourWebContentsIds } from './window';

const REFUSED: CommandResult<never> = {
  ok: false,
  error: {
    code: 'refused',
    message:
      'Switchboard only answers its own window. This request came from somewhere else and was ignored.',
  },
};

export function registerIpc(core: SwitchboardCore, log: { warn(message: string): void }): () => void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), async (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame;
      const trusted = isTrustedSender(
        {
          webContentsId: event.sender.id,
          frameUrl: frame?.url,
          // A top-level frame has no parent (WebFrameMain.parent is null only there).
          isMainFrame: frame !== null && frame.parent === null,
        },
        ourWebContentsIds(),
      );
      if (!trusted) {
        log.warn(`Refused ${name} from ${frame?.url ?? 'a closed frame'} (webContents ${event.sender.id})`);
        return REFUSED;
      }
      return core.invoke(name, input);
    });
  }

  const unsubscribe = core.onEvent((name, payload) => {
    for (const window of allOurWindows()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });

  return () => {
    unsubscribe();
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(commandChannel(name));
  };
}
