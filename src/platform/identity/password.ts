import { hash, verify } from '@node-rs/argon2';
import { ValidationError } from '../errors.ts';

/**
 * Passwords are hashed with argon2id at the library's defaults (m = 19 MiB, t = 2, p = 1, the OWASP
 * recommendation). A hash of a random string is verified when the account does not exist, so that the
 * time of a failed sign-in does not tell whether the user exists.
 */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  return verify(passwordHash ?? (await dummyHash), password).then((ok) => ok && passwordHash !== null, () => false);
}

const dummyHash = hash('yakuba-no-such-account');

/** Minimum policy: length and variety; what a municipality's security policy adds is configuration. */
export function checkPasswordPolicy(password: unknown, field = 'password'): string {
  const problems: string[] = [];
  if (typeof password !== 'string' || password.length < 12) problems.push('12文字以上にしてください');
  if (typeof password === 'string' && password.length > 256) problems.push('256文字以内にしてください');
  if (typeof password === 'string' && !(/[A-Za-z]/.test(password) && /[0-9]/.test(password))) problems.push('英字と数字を含めてください');
  if (problems.length > 0) {
    throw new ValidationError(problems.map((p) => ({ field, rule: 'password-policy', message: `パスワードは${p}` })));
  }
  return password as string;
}
