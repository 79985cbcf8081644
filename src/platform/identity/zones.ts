import type { Zone } from './principal.ts';

/**
 * Which listeners a deployment opens (三層の対策, docs/security.md). Core business always runs in the
 * individual-number segment; the profiles differ in what else this deployment faces:
 * - alpha: LGWAN-side systems and terminals reach yakuba's LGWAN listener; nothing faces the internet.
 * - beta: as alpha, and an internet listener for e-application intake (terminals moved to the internet side).
 * - beta-prime: LGWAN-side business systems themselves moved to the internet side: no LGWAN listener.
 * - development: all three on consecutive ports of one process.
 */
export const PROFILES = {
  alpha: ['individual-number', 'lgwan'],
  beta: ['individual-number', 'lgwan', 'internet'],
  'beta-prime': ['individual-number', 'internet'],
  development: ['individual-number', 'lgwan', 'internet'],
} as const satisfies Record<string, readonly Zone[]>;

export type Profile = keyof typeof PROFILES;

export interface Listener {
  zone: Zone;
  port: number;
}

const PORT_VARIABLE: Record<Zone, string> = {
  'individual-number': 'YAKUBA_PORT_INDIVIDUAL_NUMBER',
  lgwan: 'YAKUBA_PORT_LGWAN',
  internet: 'YAKUBA_PORT_INTERNET',
};

/** Listeners of a profile: PORT for the individual-number zone, the next ports for the others unless set. */
export function listenersFor(profile: string, basePort: number, env: NodeJS.ProcessEnv = process.env): Listener[] {
  if (!(profile in PROFILES)) {
    throw new Error(`YAKUBA_PROFILE は ${Object.keys(PROFILES).join(' / ')} のいずれかで指定してください（指定値: ${profile}）`);
  }
  const offset: Record<Zone, number> = { 'individual-number': 0, lgwan: 1, internet: 2 };
  return PROFILES[profile as Profile].map((zone) => ({ zone, port: Number(env[PORT_VARIABLE[zone]] ?? basePort + offset[zone]) }));
}
