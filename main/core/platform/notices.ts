/**
 * The notices the app keeps for windows that open later (`app.info`) and sends to the ones open now
 * (`app.notice`): damaged files found at start, a token cache that could not be read, a hotkey taken
 * by another app.
 */
import type { Notice } from '../../../shared/contract/contract';

export class Notices {
  private readonly byId = new Map<string, Notice>();

  constructor(private readonly announce: (notice: Notice) => void = () => undefined) {}

  /** Keeps notices found while starting; no window is open yet to be told. */
  keep(notices: Iterable<Notice>): void {
    for (const notice of notices) this.byId.set(notice.id, notice);
  }

  /** Keeps a notice and tells the windows open now. */
  raise(notice: Notice): void {
    this.byId.set(notice.id, notice);
    this.announce(notice);
  }

  list(): Notice[] {
    return [...this.byId.values()];
  }

  dismiss(id: string): boolean {
    return this.byId.delete(id);
  }
}
