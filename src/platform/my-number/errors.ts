import { myNumber } from '../../jp/check-digits.ts';
import { AppError, ValidationError } from '../errors.ts';

/**
 * No message here ever contains the number or a token: messages reach logs, problem documents and
 * terminals, none of which may hold a 個人番号.
 */

/** Key configuration that cannot work; raised at start-up, before anything is served. */
export class MyNumberConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MyNumberConfigError';
  }
}

/** A stored ciphertext that cannot be read: tampered, copied from another 団体, or its key is gone. */
export class MyNumberCipherError extends AppError {
  constructor(detail: string) {
    super('my-number-undecryptable', 500, '個人番号を復号できません', detail);
  }
}

/** Rejects anything but 12 ASCII digits with a valid check digit, without echoing the input. */
export function assertMyNumber(value: unknown, field = 'myNumber'): asserts value is string {
  if (typeof value !== 'string' || !/^[0-9]{12}$/.test(value)) {
    throw new ValidationError([{ field, rule: 'format', message: '個人番号は12桁の半角数字で指定してください' }]);
  }
  if (!myNumber.isValid(value)) {
    throw new ValidationError([{ field, rule: 'check-digit', message: '個人番号の検査数字が正しくありません。番号を確認してください' }]);
  }
}

/** The 団体 a ciphertext or lookup key is bound to; an empty code would bind nothing. */
export function assertTenantCode(tenantCode: unknown): asserts tenantCode is string {
  if (typeof tenantCode !== 'string' || tenantCode.trim() === '') throw new TypeError('団体コードが指定されていません');
}
