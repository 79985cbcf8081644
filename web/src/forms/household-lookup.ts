/** A household named by its 世帯番号 as it is typed: looked up, with the version the lock needs and a line to show. */
import { useEffect, useState } from 'react';
import { api } from '../api/client';

export interface FoundHousehold {
  householdId: string;
  version: number;
  label: string;
}

const valid = (no: string) => /^[0-9]{2,20}$/.test(no);

export function useHouseholdByNo(householdNo: string): FoundHousehold | null {
  const [found, setFound] = useState<{ no: string; household: FoundHousehold | null } | null>(null);
  useEffect(() => {
    let live = true;
    if (!valid(householdNo)) return;
    void api.GET('/api/v1/resident-registry/households/{householdNo}', { params: { path: { householdNo } } }).then(({ data }) => {
      if (!live) return;
      const head = data?.members.find((m) => m.residentId === data.headResidentId);
      setFound({ no: householdNo, household: data ? { householdId: data.householdId, version: data.version, label: `世帯主 ${head?.name ?? '（未設定）'}、${data.members.length}人` } : null });
    });
    return () => {
      live = false;
    };
  }, [householdNo]);
  return found?.no === householdNo ? found.household : null;
}
