import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { canonicalJson, computeAuditHash, computeAuditHashV1, GENESIS_HASH } from './hash.ts';
import type { AuditEntry, AuditEntryInput } from './types.ts';
import { validateAuditInput } from './validate.ts';

const valid: AuditEntryInput = {
  actor: { kind: 'staff', id: 'staff-1' },
  module: 'resident-registry',
  function: 'resident-registry.move-in',
  category: 'record',
  targets: [{ kind: 'resident', id: '0190a0c2-0000-7000-8000-000000000001' }],
};

const rulesOf = (input: AuditEntryInput): string[] => {
  try {
    validateAuditInput(input);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.errors.map((e) => `${e.field}:${e.rule}`);
  }
};

describe('audit entry validation', () => {
  it('accepts a plain entry and fills the defaults', () => {
    expect(validateAuditInput(valid)).toMatchObject({ outcome: 'success', myNumberAccessed: false, lookupByNumber: false, detail: null, zone: null });
  });

  it('requires module and function, and names each failing field', () => {
    expect(rulesOf({ ...valid, module: '', function: 'move-in' })).toEqual(['module:required', 'function:format']);
    expect(rulesOf({ ...valid, category: 'browse' as never, outcome: 'ok' as never })).toEqual(['category:enum', 'outcome:enum']);
    expect(rulesOf({ ...valid, address: 'not-an-ip' })).toEqual(['address:format']);
  });

  it('keeps names and 個人番号 out: targets are ids only', () => {
    expect(rulesOf({ ...valid, targets: [{ kind: 'resident', id: '山田太郎' }] })).toEqual(['targets[0].id:format']);
    expect(rulesOf({ ...valid, targets: [{ kind: 'resident', id: '123456789018' }] })).toEqual(['targets[0].id:personal-data']);
    expect(rulesOf({ ...valid, targets: [{ kind: 'resident', id: 'r-1', name: '山田太郎' } as never] })).toEqual(['targets[0]:ids-only']);
    expect(rulesOf({ ...valid, detail: { searchKey: '1234 5678 9018' } })).toEqual(['detail.searchKey:personal-data']);
    expect(rulesOf({ ...valid, detail: { note: 'x'.repeat(5000) } })).toEqual(['detail:max-length']);
  });
});

describe('audit hash', () => {
  const entry: Omit<AuditEntry, 'hash'> = {
    tenantCode: '131016',
    seq: 1,
    id: '0190a0c2-0000-7000-8000-000000000001',
    occurredAt: new Date('2026-01-06T14:30:00.123Z'),
    actorKind: 'staff',
    actorId: 'staff-1',
    actorName: null,
    terminal: null,
    address: null,
    zone: null,
    module: 'resident-registry',
    function: 'resident-registry.move-in',
    category: 'record',
    targets: [],
    myNumberAccessed: false,
    lookupByNumber: false,
    searchCount: null,
    outcome: 'success',
    detail: { b: 1, a: [1, { d: 2, c: 3 }] },
    prevHash: GENESIS_HASH,
  };

  it('does not depend on object key order (jsonb reorders keys)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reversed = JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        );
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
      }),
    );
    expect(computeAuditHash({ ...entry, detail: { a: [1, { c: 3, d: 2 }], b: 1 } })).toBe(computeAuditHash(entry));
  });

  it('changes with every field', () => {
    const base = computeAuditHash(entry);
    const changes: Partial<Omit<AuditEntry, 'hash'>>[] = [
      { seq: 2 },
      { occurredAt: new Date('2026-01-06T14:30:00.124Z') },
      { actorId: 'staff-2' },
      { actorName: '' },
      { targets: [{ kind: 'resident', id: 'r-1' }] },
      { myNumberAccessed: true },
      { lookupByNumber: true },
      { searchCount: 0 },
      { outcome: 'denied' },
      { detail: null },
      { prevHash: 'f'.repeat(64) },
    ];
    for (const change of changes) expect(computeAuditHash({ ...entry, ...change }), JSON.stringify(change)).not.toBe(base);
  });

  it('keeps format 1 exactly as entries appended before 002 were hashed (a pinned vector)', () => {
    const old = {
      tenantCode: '131016', seq: 7, id: '0190a0c2-0000-7000-8000-000000000007', occurredAt: new Date('2026-01-06T14:30:00.123Z'), actorKind: 'staff' as const,
      actorId: 'staff-1', actorName: '窓口職員', terminal: 'MADO-01', address: '10.0.0.15', zone: 'lgwan' as const, module: 'resident-registry',
      function: 'resident-registry.move-in', category: 'record' as const, targets: [{ kind: 'resident', id: 'r-1' }], myNumberAccessed: true,
      lookupByNumber: false, searchCount: 3, outcome: 'success' as const, detail: { b: 1, a: [1, { d: 2 }] }, prevHash: 'a'.repeat(64),
    };
    expect(computeAuditHashV1(old)).toBe('8a6426ef7a8d8ac7779a1019073559d36ca429493e369e746d8a1e8b869512d0');
    expect(computeAuditHash(old)).not.toBe(computeAuditHashV1(old));
  });
});
