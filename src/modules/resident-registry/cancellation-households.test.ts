import { describe, expect, it } from 'vitest';
import { changesHeadOfRemaining, changesHousehold, partialHousehold, wholeHousehold } from './cancellation-households.ts';

const active = (members: string[], head: string | null = members[0] ?? null) => ({ status: 'active' as const, head_resident_id: head, member_ids: members });
const dissolved = { status: 'dissolved' as const, head_resident_id: null, member_ids: [] };
const headIs = (id: string) => (x: string) => x === id;

describe('異動の取消し, what a household becomes (j980)', () => {
  it('全部: exactly the former household, or dissolved when the 異動 created it', () => {
    expect(wholeHousehold(active(['a', 'b']))).toEqual({ status: 'active', headResidentId: 'a', memberIds: ['a', 'b'] });
    expect(wholeHousehold(undefined)).toEqual({ status: 'dissolved', headResidentId: null, memberIds: [] });
  });

  it('一部: the chosen persons it lost come back at their former place, those it gained leave', () => {
    const before = active(['a', 'b', 'c', 'd']);
    expect(partialHousehold(active(['a']), before, ['c'], headIs('a')).memberIds).toEqual(['a', 'c']);
    expect(partialHousehold(active(['a', 'd']), before, ['b', 'c'], headIs('a')).memberIds).toEqual(['a', 'b', 'c', 'd']);
    expect(partialHousehold(active(['b']), before, ['a'], headIs('a'))).toEqual({ status: 'active', headResidentId: 'a', memberIds: ['a', 'b'] });
    expect(partialHousehold(active(['x', 'y', 'z']), undefined, ['y'], headIs('x'))).toEqual({ status: 'active', headResidentId: 'x', memberIds: ['x', 'z'] });
    expect(partialHousehold(active(['x', 'y']), undefined, ['x', 'y'], headIs('x'))).toEqual({ status: 'dissolved', headResidentId: null, memberIds: [] });
    // A dissolved household comes back with the chosen persons who lived in it.
    expect(partialHousehold(dissolved, active(['a', 'b']), ['a'], headIs('a'))).toEqual({ status: 'active', headResidentId: 'a', memberIds: ['a'] });
  });

  it('tells when a part changes nothing, changes the head of a remaining household, or revives one without its head', () => {
    const after = active(['a', 'b']);
    expect(changesHousehold(after, { status: 'active', headResidentId: 'a', memberIds: ['a', 'b'] })).toBe(false);
    expect(changesHousehold(after, { status: 'active', headResidentId: 'a', memberIds: ['a'] })).toBe(true);
    expect(changesHeadOfRemaining(after, { status: 'active', headResidentId: 'a', memberIds: ['a'] }, ['b'])).toBe(false);
    expect(changesHeadOfRemaining(after, { status: 'active', headResidentId: 'c', memberIds: ['c', 'a', 'b'] }, ['c'])).toBe(true);
    expect(changesHeadOfRemaining(after, { status: 'dissolved', headResidentId: null, memberIds: [] }, ['a', 'b'])).toBe(false);
    expect(changesHeadOfRemaining(dissolved, { status: 'active', headResidentId: 'a', memberIds: ['a'] }, ['a'])).toBe(false);
    expect(changesHeadOfRemaining(dissolved, { status: 'active', headResidentId: null, memberIds: ['b'] }, ['b'])).toBe(true);
  });
});
