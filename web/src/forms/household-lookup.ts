/**
 * A household named by its 世帯番号 as it is typed: looked up once the typing pauses (each lookup is an
 * audited 世帯照会), with the version the lock needs and a line to show. Until it is found the form does
 * not ask the server to check: the field says 確認中 or 見つかりません instead.
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client';

export interface FoundHousehold {
  householdId: string;
  version: number;
  label: string;
}

export type HouseholdLookup = { state: 'empty' | 'pending' | 'missing'; household: null } | { state: 'found'; household: FoundHousehold };

const valid = (no: string) => /^[0-9]{2,20}$/.test(no);

export function useHouseholdByNo(householdNo: string): HouseholdLookup {
  const [found, setFound] = useState<{ no: string; household: FoundHousehold | null } | null>(null);
  useEffect(() => {
    if (!valid(householdNo)) return;
    let live = true;
    const timer = setTimeout(() => {
      void api.GET('/api/v1/resident-registry/households/{householdNo}', { params: { path: { householdNo } } }).then(({ data }) => {
        if (!live) return;
        const head = data?.members.find((m) => m.residentId === data.headResidentId);
        setFound({ no: householdNo, household: data ? { householdId: data.householdId, version: data.version, label: `世帯主 ${head?.name ?? '（未設定）'}、${data.members.length}人` } : null });
      }, () => live && setFound({ no: householdNo, household: null }));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [householdNo]);
  if (!valid(householdNo)) return { state: 'empty', household: null };
  if (found?.no !== householdNo) return { state: 'pending', household: null };
  return found.household ? { state: 'found', household: found.household } : { state: 'missing', household: null };
}

/** The line under the 世帯番号 field. */
export function lookupHint(lookup: HouseholdLookup, householdNo: string): string {
  switch (lookup.state) {
    case 'found': return lookup.household.label;
    case 'pending': return '世帯を確認しています…';
    case 'missing': return `世帯番号 ${householdNo} の世帯は見つかりません`;
    default: return '世帯番号を入力すると世帯主を表示します';
  }
}
