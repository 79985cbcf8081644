import { describe, expect, it } from 'vitest';
import { ageOn, residentCode } from '../../../jp/index.ts';
import { isValidRelationship } from '../rules/relationship.ts';
import { AGE_BANDS, generateHouseholds, householdIsValid, type DemoHousehold } from './generate.ts';

const options = { residents: 20_000, seed: 42, municipality: '東京都千代田区', asOf: '2026-04-01' };
const all = (o = options): DemoHousehold[] => [...generateHouseholds(o)];

describe('demo generator', () => {
  const households = all();
  const people = households.flatMap((h) => h.members);

  it('is deterministic: the same seed gives the same municipality, another seed another one', () => {
    const again = all({ ...options, residents: 2_000 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(all({ ...options, residents: 2_000 })));
    expect(JSON.stringify(all({ ...options, residents: 2_000, seed: 43 }))).not.toBe(JSON.stringify(again));
    // A smaller load is the start of a larger one: batches and N do not change who is generated.
    expect(again.slice(0, -1)).toEqual(households.slice(0, again.length - 1));
  });

  it('makes exactly N residents', () => {
    expect(people).toHaveLength(options.residents);
  });

  it('passes the household and 続柄 rules for every household', () => {
    for (const h of households) {
      expect(householdIsValid(h.members)).toBe(true);
      expect(h.members[0]!.relationship).toBe('世帯主');
      for (const m of h.members) expect(isValidRelationship(m.relationship), m.relationship).toBe(true);
    }
  });

  it('gives well-formed, unique 住民票コード and no 個人番号', () => {
    const codes = people.map((p) => p.residentCode);
    for (const code of codes) expect(residentCode.isWellFormed(code)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(people.some((p) => 'myNumber' in p)).toBe(false);
  });

  it('has kana for everyone and 2–3% foreign residents with 国籍・地域 and 在留資格 or 特別永住', () => {
    for (const p of people) expect(p.nameKana).toMatch(/^[ァ-ヶー\u3000]+$/);
    const foreign = people.filter((p) => p.residentKind === 'foreign');
    expect(foreign.length / people.length).toBeGreaterThan(0.015);
    expect(foreign.length / people.length).toBeLessThan(0.035);
    for (const p of foreign) {
      expect(p.nameAlphabet).toMatch(/^[A-Z ]+$/);
      expect(p.foreign!.nationality).not.toBe('');
      if (p.foreign!.category === 'mid_long_term') expect(p.foreign!.residenceStatus).toBeTruthy();
      expect(p.foreign!.residenceCardNo).toMatch(/^[A-Z]{2}[0-9]{8}[A-Z]{2}$/);
    }
  });

  it('follows the age pyramid within 4 points per band', () => {
    for (const [lo, hi, share] of AGE_BANDS) {
      const n = people.filter((p) => {
        const age = ageOn(p.birthDate, options.asOf);
        return age >= lo && age <= hi;
      }).length;
      expect(Math.abs(n / people.length - share), `${lo}–${hi}歳`).toBeLessThan(0.04);
    }
  });

  it('dates a history that holds together: born ≤ 転入 ≤ 転居, 届出 within 14 days and not after asOf', () => {
    const within = households.filter((h) => h.moveWithin);
    expect(within.length / households.length).toBeGreaterThan(0.05);
    for (const h of households) {
      for (const m of h.members) expect(m.birthDate <= h.moveIn.effectiveDate).toBe(true);
      for (const move of [h.moveIn, ...(h.moveWithin ? [h.moveWithin] : [])]) {
        expect(move.effectiveDate <= move.notifiedDate && move.notifiedDate <= options.asOf).toBe(true);
        expect(move.address.startsWith(options.municipality)).toBe(true);
      }
      if (h.moveWithin) expect(h.moveWithin.effectiveDate > h.moveIn.notifiedDate).toBe(true);
    }
  });
});
