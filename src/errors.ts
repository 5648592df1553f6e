// Known errors with stable codes. Services throw them; the Slack error handler shows `userMessage` where the
// person acted (ephemeral, modal, thread). Anything else is a bug: logged with a request id, never shown.
export type ErrorCode =
  | 'not_allowed'
  | 'not_found'
  | 'invalid_state'
  | 'invalid_input'
  | 'unavailable';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${userMessage}`, options);
    this.name = 'AppError';
  }
}

export const notAllowed = (userMessage: string) => new AppError('not_allowed', userMessage);
export const notFound = (userMessage: string) => new AppError('not_found', userMessage);
export const invalidState = (userMessage: string) => new AppError('invalid_state', userMessage);
