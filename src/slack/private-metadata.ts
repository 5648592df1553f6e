// Typed modal state travels in private_metadata (max 3000 characters), validated on the way back in.
import type { z } from 'zod';
import { AppError } from '../errors';

export const PRIVATE_METADATA_LIMIT = 3000;

export function encodeMetadata<T>(schema: z.ZodType<T>, value: T): string {
  const encoded = JSON.stringify(schema.parse(value));
  if (encoded.length > PRIVATE_METADATA_LIMIT) {
    throw new Error(`private_metadata is ${encoded.length} characters, over Slack's ${PRIVATE_METADATA_LIMIT}`);
  }
  return encoded;
}

export function decodeMetadata<T>(schema: z.ZodType<T>, raw: string | undefined): T {
  let json: unknown;
  try {
    json = raw ? JSON.parse(raw) : {};
  } catch {
    throw new AppError('invalid_input', 'This form is out of date. Please close it and start again.');
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new AppError('invalid_input', 'This form is out of date. Please close it and start again.');
  return result.data;
}
