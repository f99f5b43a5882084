import type { CommandError, ErrorCode } from '../../../shared/contract/contract';

/** An error the user can act on: what failed and what to do next. Handlers throw it; the dispatcher carries it. */
export class UserFacingError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: CommandError['issues'],
  ) {
    super(message);
    this.name = 'UserFacingError';
  }

  toCommandError(): CommandError {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}
