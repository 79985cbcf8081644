/**
 * What a procedure on someone already registered starts from: the person as shown (with the version
 * the lock needs) and their household (members in order, its version). Both are read when the form
 * opens, so a change by someone else meanwhile is answered with the server's 409 message.
 */
import { useEffect, useState } from 'react';
import { api, problemText } from '../api/client';
import { fieldId, Messages, type FieldErrors } from './controls';

const getPerson = (addresseeNo: string) => api.GET('/api/v1/resident-registry/persons/{addresseeNo}', { params: { path: { addresseeNo } } });
const getHousehold = (householdNo: string) => api.GET('/api/v1/resident-registry/households/{householdNo}', { params: { path: { householdNo } } });
type Data<F extends (...args: never[]) => Promise<{ data?: unknown }>> = NonNullable<Awaited<ReturnType<F>>['data']>;
export type PersonData = Data<typeof getPerson>;
export type HouseholdData = Data<typeof getHousehold>;
export type Member = HouseholdData['members'][number];

export function usePersonHousehold(addresseeNo: string) {
  const [state, setState] = useState<{ person: PersonData; household: HouseholdData } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const person = await getPerson(addresseeNo);
      if (!person.data) return live && setError(problemText(person.error));
      const household = await getHousehold(person.data.person.householdNo);
      if (!live) return;
      if (!household.data) return setError(problemText(household.error));
      setState({ person: person.data, household: household.data });
    })();
    return () => {
      live = false;
    };
  }, [addresseeNo]);
  return { ...state, error };
}

/** The household lock the API asks for. */
export const lockOf = (h: HouseholdData) => ({ householdId: h.householdId, version: h.version });

/** Checkboxes of the household's members, in the household's order (j460: selecting the 異動者). */
export function MemberPicker({ name, legend, members, selected, onChange, errors }: {
  name: string;
  legend: string;
  members: Member[];
  selected: string[];
  onChange: (ids: string[]) => void;
  errors: FieldErrors;
}) {
  const messages = errors[name] ?? [];
  return (
    <fieldset className="rounded-8 border border-solid-gray-420 p-3" aria-describedby={messages.length ? `${fieldId(name)}-error` : undefined}>
      <legend className="px-1 text-std-16B-170">{legend}</legend>
      <div className="flex flex-col gap-1">
        {members.map((m, i) => (
          <label key={m.residentId} className="flex items-center gap-2 text-std-16N-170">
            <input type="checkbox" id={i === 0 ? fieldId(name) : undefined} aria-invalid={(i === 0 && messages.length > 0) || undefined} className="size-5" checked={selected.includes(m.residentId)}
              onChange={(e) => onChange(e.target.checked ? members.filter((x) => x.residentId === m.residentId || selected.includes(x.residentId)).map((x) => x.residentId) : selected.filter((id) => id !== m.residentId))} />
            {m.relationship}{'\u3000'}{m.name}（{m.addresseeNo}）
          </label>
        ))}
      </div>
      <Messages name={name} messages={messages} />
    </fieldset>
  );
}

/** The remaining members' choice of a new 世帯主 when the head leaves (4.0.4). */
export function remainingHeadOptions(members: Member[], moving: string[]): [string, string][] {
  return [['', '（変更しない）'], ...members.filter((m) => !moving.includes(m.residentId)).map((m) => [m.residentId, `${m.name}（${m.relationship}）`] as [string, string])];
}

export const namesOf = (members: Member[]) => (residentId: string) => members.find((m) => m.residentId === residentId)?.name ?? '';

/** 支援措置 (j380): said on every step of a procedure on a protected person, before anything is printed or read out. */
export function ProtectionWarning({ person }: { person: PersonData }) {
  if (person.protection.length === 0) return null;
  const provisional = person.protection.every((p) => p.kind === 'provisional');
  return (
    <p role="alert" className="rounded-8 border-2 border-error-1 bg-white p-3 text-std-16B-170 text-error-1">
      {provisional ? '仮支援措置' : '支援措置'}の対象者です。届出人・請求者が加害者等でないことを確認し、住所などを読み上げないでください。
    </p>
  );
}
