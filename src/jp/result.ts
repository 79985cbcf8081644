/**
 * How src/jp reports bad input. Parsers of what people type return a Result, so the caller can show
 * the message next to the field; computations on values the system already holds throw
 * JpInputError, because there a bad value is a bug upstream. Both carry a stable machine code
 * (`<topic>.<rule>`) and a Japanese message that names the rule.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(code: string, message: string): Result<T> => ({ ok: false, code, message });

export class JpInputError extends RangeError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'JpInputError';
  }
}

/** The value of a Result, or a JpInputError with its code and message (for tests and trusted input). */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new JpInputError(result.code, result.message);
}
