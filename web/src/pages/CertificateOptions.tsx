/**
 * The choices of 証明書交付 (CertificateIssue.tsx), each group a fieldset with its legend: the kind, the
 * persons (世帯全員 or some members; a removed person alone), 様式 and 履歴, 省略の指定 (j1000) and who asks.
 * 個人番号 is offered only where it may be printed (the individual-number zone with resident-registry:my-number).
 */
import type { InputHTMLAttributes, ReactNode } from 'react';
import { Field, inputClass } from '../ui';
import type { Household, Person } from './CertificateIssue';
import { byHousehold, ITEM_LABELS, ITEMS, KIND_LABELS, kindsFor, needsRequesterName, personalOnly, REQUESTER_LABELS, todayInJapan, type Choices, type RequesterKind } from './certificate-request';


const box = 'size-5 accent-blue-900';
const fieldset = 'flex flex-col gap-2 rounded-8 border border-solid-gray-420 p-4';
const legend = 'px-1 text-std-16B-170 text-solid-gray-800';

function Choice({ children, ...input }: { children: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="flex items-center gap-2 text-std-16N-170">
      <input className={box} {...input} />
      <span>{children}</span>
    </label>
  );
}

export function CertificateOptions({ person, household, choices, onChange, mayShowMyNumber }: {
  person: Person; household: Household | null; choices: Choices; onChange: (c: Choices) => void; mayShowMyNumber: boolean;
}) {
  const set = (patch: Partial<Choices>) => onChange({ ...choices, ...patch });
  const members = household?.members ?? [];
  const chosen = new Set(choices.residentIds ?? members.map((m) => m.residentId));
  const toggle = (id: string) => {
    const next = members.filter((m) => (m.residentId === id) !== chosen.has(m.residentId)).map((m) => m.residentId);
    set({ residentIds: next.length === members.length ? null : next });
  };
  const toggleItem = (item: (typeof ITEMS)[number]) => {
    const items = new Set(choices.items);
    if (!items.delete(item)) items.add(item);
    set({ items });
  };

  return (
    <>
      <fieldset className={fieldset}>
        <legend className={legend}>証明書の種類</legend>
        {kindsFor(person, todayInJapan()).map((k) => (
          <Choice key={k} type="radio" name="certificate-kind" value={k} checked={choices.kind === k} autoFocus={choices.kind === k} onChange={() => set({ kind: k })}>
            {KIND_LABELS[k]}
          </Choice>
        ))}
      </fieldset>

      <fieldset className={fieldset}>
        <legend className={legend}>記載する者</legend>
        {byHousehold(choices) ? (
          <>
            <Choice type="checkbox" checked={choices.residentIds === null} onChange={(e) => set({ residentIds: e.target.checked ? null : [person.residentId] })}>
              世帯全員
            </Choice>
            <ul className="flex flex-col gap-1 pl-6">
              {members.map((m) => (
                <li key={m.residentId}>
                  <Choice type="checkbox" checked={chosen.has(m.residentId)} onChange={() => toggle(m.residentId)}>
                    {m.relationship}{'\u3000'}{m.name}（{m.addresseeNo}）
                  </Choice>
                </li>
              ))}
            </ul>
            {chosen.size === 0 && <p className="text-std-16N-170 text-error-1">記載する者を1人以上選んでください。</p>}
          </>
        ) : (
          <p className="text-std-16N-170">{person.name ?? person.nameAlphabet}（{person.addresseeNo}）のみ（{KIND_LABELS[choices.kind]}は宛名番号で請求します）</p>
        )}
      </fieldset>

      <fieldset className={fieldset}>
        <legend className={legend}>様式・履歴</legend>
        <Choice type="radio" name="certificate-form" checked={choices.form === 'household'} onChange={() => set({ form: 'household' })}>世帯連記式</Choice>
        <Choice type="radio" name="certificate-form" checked={choices.form === 'individual'} onChange={() => set({ form: 'individual' })}>個人票</Choice>
        <Choice type="checkbox" checked={choices.withHistory} onChange={(e) => set({ withHistory: e.target.checked })}>履歴を記載する</Choice>
      </fieldset>

      <fieldset className={fieldset}>
        <legend className={legend}>記載する項目（省略の指定：チェックした項目だけを記載します）</legend>
        {ITEMS.filter((i) => i !== 'myNumber' || mayShowMyNumber).map((i) => (
          <Choice key={i} type="checkbox" checked={choices.items.has(i) && !personalOnly(i, choices.requester)} disabled={personalOnly(i, choices.requester)} onChange={() => toggleItem(i)}>
            {ITEM_LABELS[i]}{personalOnly(i, choices.requester) && '（この請求者には記載できません）'}
          </Choice>
        ))}
      </fieldset>

      <fieldset className={fieldset}>
        <legend className={legend}>請求者</legend>
        <Field label="請求者の区分" id="certificate-requester">
          <select id="certificate-requester" className={inputClass} value={choices.requester} onChange={(e) => set({ requester: e.target.value as RequesterKind })}>
            {Object.entries(REQUESTER_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </Field>
        {needsRequesterName(choices.requester) && (
          <Field label="請求者の氏名・名称" id="certificate-requester-name">
            <input id="certificate-requester-name" className={inputClass} value={choices.requesterName} required maxLength={100} onChange={(e) => set({ requesterName: e.target.value })} />
          </Field>
        )}
        <Field label={choices.requester === 'third-party' ? '請求事由（必須）' : '請求事由'} id="certificate-purpose">
          <input id="certificate-purpose" className={inputClass} value={choices.purpose} required={choices.requester === 'third-party'} maxLength={200} onChange={(e) => set({ purpose: e.target.value })} />
        </Field>
      </fieldset>
    </>
  );
}
