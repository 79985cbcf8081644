import { describe, expect, it } from 'vitest';
import { MY_NUMBERS } from '../../../test/fixtures/my-numbers.ts';
import type { Zone } from '../identity/principal.ts';
import { discloseMyNumber, MASKED_MY_NUMBER, mayDiscloseMyNumber } from './index.ts';

const number = MY_NUMBERS[3]!;
const zones: Array<Zone | null> = ['individual-number', 'lgwan', 'internet', null];
const grants = {
  'own module': ['resident-registry:read', 'resident-registry:my-number'],
  'none': ['resident-registry:read'],
  "another module's": ['resident-registry:read', 'individual-tax:my-number'],
} as const;

describe('discloseMyNumber', () => {
  const cases = zones.flatMap((zone) =>
    Object.entries(grants).map(([grant, permissions]) => ({ zone, grant, permissions, shown: zone === 'individual-number' && grant === 'own module' })),
  );

  it.each(cases)('zone $zone with $grant my-number permission: shown=$shown', ({ zone, permissions, shown }) => {
    const viewer = { zone, permissions: new Set<string>(permissions) };
    expect(mayDiscloseMyNumber(viewer, 'resident-registry')).toBe(shown);
    expect(discloseMyNumber(viewer, 'resident-registry', number)).toEqual(shown ? { value: number, disclosed: true } : { value: MASKED_MY_NUMBER, disclosed: false });
  });

  it('masks fully: twelve asterisks, no digit kept', () => {
    expect(MASKED_MY_NUMBER).toBe('************');
  });

  it('decrypts lazily, only when the number is shown', () => {
    let decrypted = 0;
    const decrypt = () => (decrypted++, number);
    const lgwan = { zone: 'lgwan' as const, permissions: new Set(['resident-registry:my-number']) };
    expect(discloseMyNumber(lgwan, 'resident-registry', decrypt)).toEqual({ value: MASKED_MY_NUMBER, disclosed: false });
    expect(decrypted).toBe(0);
    expect(discloseMyNumber({ ...lgwan, zone: 'individual-number' }, 'resident-registry', decrypt)).toEqual({ value: number, disclosed: true });
    expect(decrypted).toBe(1);
  });
});
