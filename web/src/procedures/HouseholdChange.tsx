/**
 * 世帯変更 (4.1.4): 世帯分離 (some members form a new household at the same address), 世帯合併 (the
 * whole household joins another), 世帯変更 (some members join another) and 世帯主変更. Nobody's address
 * changes. Each person whose 続柄 changes gets it here (j730: the new head's household is re-related).
 */
import { useState } from 'react';
import { ChangeDates, dateText, Select, TextInput, todayInJapan } from '../forms/controls';
import { lockOf, MemberPicker, namesOf, ProtectionWarning, usePersonHousehold, type Member } from '../forms/household';
import { lookupHint, useHouseholdByNo } from '../forms/household-lookup';
import { ProcedureSteps, useProcedure } from '../forms/procedure';
import { Receipt } from '../forms/Receipt';
import { useNavigation } from '../navigation';

const KINDS = [['separation', '世帯分離'], ['change', '世帯変更（一部が他の世帯へ）'], ['merger', '世帯合併（全員が他の世帯へ）'], ['head_change', '世帯主変更']] as const;

export function HouseholdChange({ addresseeNo }: { addresseeNo: string }) {
  const nav = useNavigation();
  const flow = useProcedure('changeHousehold');
  const { person, household, error } = usePersonHousehold(addresseeNo);
  const [effectiveDate, setEffectiveDate] = useState('');
  const [notifiedDate, setNotifiedDate] = useState(todayInJapan());
  const [kind, setKind] = useState('separation');
  const [chosen, setChosen] = useState<string[]>([]);
  const [targetNo, setTargetNo] = useState('');
  const [newHead, setNewHead] = useState('');
  const [relationships, setRelationships] = useState<Record<string, string>>({});
  const lookup = useHouseholdByNo(kind === 'change' || kind === 'merger' ? targetNo : '');
  const target = lookup.household;
  if (error) return <p role="alert" className="text-error-1">{error}</p>;
  if (!person || !household) return <p>読み込み中…</p>;

  const members = household.members;
  const moving = kind === 'merger' ? members.map((m) => m.residentId) : kind === 'head_change' ? [] : chosen;
  // Whose 続柄 is given anew: those who move, or, on a 世帯主変更, everyone (the new head becomes 世帯主).
  const related: Member[] = kind === 'head_change' ? members : members.filter((m) => moving.includes(m.residentId));
  const relationshipOf = (m: Member) => relationships[m.residentId] ?? (kind === 'head_change' && m.residentId === newHead ? '世帯主' : m.relationship);
  const needsTarget = kind === 'change' || kind === 'merger';
  const build = () => (needsTarget && !target ? null : {
    kind, effectiveDate, ...(notifiedDate ? { notifiedDate } : {}), household: lockOf(household),
    ...(kind === 'separation' || kind === 'change' ? { residentIds: moving } : {}),
    ...(needsTarget ? { target: { householdId: target!.householdId, version: target!.version } } : {}),
    ...(kind === 'head_change' && newHead ? { newHeadResidentId: newHead } : {}),
    relationships: related.map((m) => ({ residentId: m.residentId, relationship: relationshipOf(m) })),
  });
  const nameOf = namesOf(members);
  const summary: [string, string][] = [
    ['種別', KINDS.find(([k]) => k === kind)?.[1] ?? kind], ['異動日', dateText(effectiveDate)], ['届出日', dateText(notifiedDate)],
    ...(moving.length ? [['異動する世帯員', moving.map(nameOf).join('、')] as [string, string]] : []),
    ...(target ? [['異動先の世帯', `世帯番号 ${targetNo}（${target.label}）`] as [string, string]] : []),
    ...related.map((m) => [`${m.name}の続柄`, relationshipOf(m)] as [string, string]),
  ];
  return (
    <ProcedureSteps notice={<ProtectionWarning person={person} />} title="世帯変更届" flow={flow} build={build} summary={summary}
      receipt={(r) => <Receipt result={r} nameOf={nameOf} notifierName={person.person.name ?? ''} onAgain={nav.restart} />}>
      <p className="text-std-16N-170">世帯番号 {household.householdNo}（{person.person.address.text}）</p>
      <Select name="kind" label="種別" value={kind} onChange={setKind} errors={flow.errors} options={KINDS} />
      <ChangeDates effective={effectiveDate} notified={notifiedDate} onEffective={setEffectiveDate} onNotified={setNotifiedDate} errors={flow.errors} />
      {(kind === 'separation' || kind === 'change') && (
        <MemberPicker name="residentIds" legend={kind === 'separation' ? '新しい世帯を作る世帯員（この順に並びます）' : '他の世帯へ移る世帯員'} members={members} selected={chosen} onChange={setChosen} errors={flow.errors} />
      )}
      {(kind === 'change' || kind === 'merger') && (
        <TextInput name="target.householdId" label="異動先の世帯の世帯番号" value={targetNo} onChange={setTargetNo} errors={flow.errors} inputMode="numeric"
          hint={lookupHint(lookup, targetNo)} />
      )}
      {kind === 'head_change' && (
        <Select name="newHeadResidentId" label="新しい世帯主" value={newHead} onChange={setNewHead} errors={flow.errors}
          options={[['', '（選択してください）'], ...members.filter((m) => m.residentId !== household.headResidentId).map((m) => [m.residentId, `${m.name}（${m.relationship}）`] as [string, string])]} />
      )}
      {related.map((m, i) => (
        <TextInput key={m.residentId} name={`relationships.${i}.relationship`} label={`${m.name}の新しい続柄`} value={relationshipOf(m)} errors={flow.errors}
          onChange={(v) => setRelationships({ ...relationships, [m.residentId]: v })} />
      ))}
    </ProcedureSteps>
  );
}
