/**
 * Whether an IPC message may reach core. Only the main frame of a window this shell created, showing
 * our own `app://switchboard` page, may invoke commands: not an iframe, not a page that navigated
 * elsewhere, not a webContents someone else created (compare GitHub Desktop's
 * `trusted-ipc-sender.ts`).
 */
import { isAppUrl } from './app-protocol';

export interface SenderFacts {
  /** `event.sender.id` */
  readonly webContentsId: number;
  /** `event.senderFrame?.url`; undefined when the frame is already gone. */
  readonly frameUrl: string | undefined;
  /** Whether the sending frame is its webContents' main frame. */
  readonly isMainFrame: boolean;
}

export function isTrustedSender(sender: SenderFacts, ourWebContents: ReadonlySet<number>): boolean {
  return ourWebContents.has(sender.webContentsId) && sender.isMainFrame && isAppUrl(sender.frameUrl);
}
