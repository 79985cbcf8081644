import { Secret, TOTP } from 'otpauth';

/** TOTP as authenticator apps use it: SHA-1, 6 digits, 30-second steps (RFC 6238). */
const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = 'yakuba'): TOTP {
  return new TOTP({ issuer: 'yakuba', label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD });
}

/** The otpauth:// URI an authenticator app imports (as a QR code or typed in). */
export function totpUri(secret: string, label: string): string {
  return totp(secret, label).toString();
}

/** The code for a moment: for tests and for the demo's printed instructions. */
export function totpCode(secret: string, at: number = Date.now()): string {
  return totp(secret).generate({ timestamp: at });
}

/**
 * Checks a code against the step before, at and after now (clock skew), and refuses any step at or
 * before the last one accepted: a code seen once, or an older one, is never accepted again.
 * Returns the accepted step, to be stored as the new last step.
 */
export function acceptTotp(secret: string, code: string, lastStep: number | null, at: number = Date.now()): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: at, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(at / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
