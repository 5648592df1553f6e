import { z } from 'zod';

/** A zod schema that turns a setting string into a value with `parse`; its error message becomes the zod issue. */
export function schemaParsedBy<T>(parse: (spec: string) => T) {
  return z.string().transform((spec, ctx): T => {
    try {
      return parse(spec);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
}
