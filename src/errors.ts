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
  /** People the message names as `{key}` (user ids by key): each surface names them its own way (Slack: a mention). */
  readonly people: Readonly<Record<string, string>>;
  constructor(
    readonly code: ErrorCode,
    readonly userMessage: string,
    options?: { cause?: unknown; quotesUserText?: boolean; people?: Record<string, string> },
  ) {
    super(`${code}: ${userMessage}`, options);
    this.quotesUserText = options?.quotesUserText ?? false;
    this.people = options?.people ?? {};
    this.name = 'AppError';
  }
}

export const notAllowed = (userMessage: string, people?: Record<string, string>) => new AppError('not_allowed', userMessage, { people });
export const notFound = (userMessage: string) => new AppError('not_found', userMessage);

/** A record looked up for someone who acted on it: gone (deleted, a stale button) is said to them, not a bug. */
export async function found<T>(lookup: Promise<T | null>, goneMessage: string): Promise<T> {
  const record = await lookup;
  if (!record) throw notFound(goneMessage);
  return record;
}
export const invalidState = (userMessage: string, people?: Record<string, string>) => new AppError('invalid_state', userMessage, { people });
