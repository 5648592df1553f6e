// Known errors with stable codes. Services throw them; the Slack error handler shows `userMessage` where the
// person acted (ephemeral, modal, thread). Anything else is a bug: logged with a request id, never shown.
export type ErrorCode =
  | 'not_allowed'
  | 'not_found'
  | 'invalid_state'
  | 'invalid_input'
  | 'unavailable';

export class AppError extends Error {
  /** The message repeats what a person typed: whoever shows it escapes it for its surface. */
  readonly quotesUserText: boolean;
  constructor(
    readonly code: ErrorCode,
    readonly userMessage: string,
    options?: { cause?: unknown; quotesUserText?: boolean },
  ) {
    super(`${code}: ${userMessage}`, options);
    this.quotesUserText = options?.quotesUserText ?? false;
    this.name = 'AppError';
  }
}

export const notAllowed = (userMessage: string) => new AppError('not_allowed', userMessage);
export const notFound = (userMessage: string) => new AppError('not_found', userMessage);
export const invalidState = (userMessage: string) => new AppError('invalid_state', userMessage);
