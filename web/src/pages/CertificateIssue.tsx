/**
 * 証明書交付 (第5章 j1000–j1070), opened from a person's screen: the kind that fits the person's status,
 * the persons (the household's members, the person pre-checked), 世帯連記式 or 個人票, 履歴 and the
 * 省略の指定; 「交付」 has the server issue and number the PDF, which is previewed here to print or save.
 * A person under 支援措置 is announced first (j380); the server's guard still decides (j410 発行抑止).
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api, problemText } from '../api/client';
import { useSession } from '../session';
import { primaryButton, secondaryButton } from '../ui';
import { CertificateOptions } from './CertificateOptions';
import { hasPersons, issuedFrom, KIND_LABELS, kindsFor, requestBody, todayInJapan, type Choices, type Issued, type Kind } from './certificate-request';

const getPerson = (addresseeNo: string) => api.GET('/api/v1/resident-registry/persons/{addresseeNo}', { params: { path: { addresseeNo } } });
const getHousehold = (householdNo: string) => api.GET('/api/v1/resident-registry/households/{householdNo}', { params: { path: { householdNo } } });
type Data<F extends (...args: never[]) => Promise<{ data?: unknown }>> = NonNullable<Awaited<ReturnType<F>>['data']>;
type PersonView = Data<typeof getPerson>;
export type Person = PersonView['person'];
export type Household = Data<typeof getHousehold>;

export function CertificateIssue({ addresseeNo, onBack }: { addresseeNo: string; onBack: () => void }) {
  const { me } = useSession();
  const [view, setView] = useState<PersonView | null>(null);
  const [household, setHousehold] = useState<Household | null>(null);
  const [choices, setChoices] = useState<Choices | null>(null);
  const [issued, setIssued] = useState<(Issued & { kind: Kind }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const preview = useRef<HTMLIFrameElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      setError(null);
      const person = await getPerson(addresseeNo);
      if (!live) return;
      if (!person.data) return setError(problemText(person.error));
      const p = person.data.person;
      const h = await getHousehold(p.householdNo);
      if (!live) return;
      const member = h.data?.status === 'active' && h.data.members.some((m) => m.residentId === p.residentId);
      setView(person.data);
      setHousehold(h.data ?? null);
      setChoices({
        kind: kindsFor(p, todayInJapan())[0]!, householdNo: member ? p.householdNo : null, residentIds: member ? [p.residentId] : null, addresseeNo,
        form: 'household', withHistory: false, items: new Set(), requester: 'self', requesterName: '', purpose: '',
      });
    })();
    return () => {
      live = false;
    };
  }, [addresseeNo]);

  // Each preview's object URL is released when it is replaced or the screen closes.
  useEffect(() => (issued ? () => URL.revokeObjectURL(issued.url) : undefined), [issued]);
  useEffect(() => {
    if (issued) printButton.current?.focus();
  }, [issued]);

  async function issue(e: FormEvent) {
    e.preventDefault();
    if (!choices || busy || !hasPersons(choices)) return;
    setBusy(true);
    setError(null);
    const { data, error: problem, response } = await api.POST('/api/v1/resident-registry/certificates', { body: requestBody(choices), parseAs: 'blob' });
    setBusy(false);
    if (!data) return setError(problemText(problem));
    setIssued({ ...issuedFrom(data, response.headers), kind: choices.kind });
  }

  // Enter on a checkbox or a radio issues too (a text field does so by itself), through the form's own checks.
  function enterIssues(e: KeyboardEvent<HTMLFormElement>) {
    const t = e.target as HTMLInputElement;
    if (e.key === 'Enter' && t.tagName === 'INPUT' && (t.type === 'checkbox' || t.type === 'radio')) {
      e.preventDefault();
      e.currentTarget.requestSubmit();
    }
  }

  const back = <button type="button" className={`${secondaryButton} ml-auto`} onClick={onBack}>戻る（Esc）</button>;
  if (!view || !choices) return (
    <section className="flex flex-col gap-4">
      {error ? <p role="alert" className="whitespace-pre-line rounded-8 border-2 border-error-1 p-3 text-std-16N-170 text-error-1">{error}</p> : <p className="text-std-16N-170">読み込み中…</p>}
      <div className="flex">{back}</div>
    </section>
  );
  const p = view.person;
  const name = p.name ?? p.nameAlphabet ?? '';
  const mayShowMyNumber = me.zone === 'individual-number' && me.permissions.includes('resident-registry:my-number');
  return (
    <section aria-labelledby="certificate-title" className="flex flex-col gap-6">
      <div className="flex items-center gap-4">
        <h1 id="certificate-title" className="text-std-24B-150">証明書交付{'\u3000'}{name}（{p.addresseeNo}）</h1>
        {back}
      </div>
      {view.protection.length > 0 && (
        <p role="alert" className="rounded-8 border-2 border-error-1 bg-white p-3 text-std-16B-170 text-error-1">
          支援措置の対象者です。請求者・請求事由を十分に確認してから交付してください（加害者からの請求には交付できません）。
        </p>
      )}
      <form onSubmit={(e) => void issue(e)} onKeyDown={enterIssues} className="flex flex-col gap-6 rounded-8 bg-white p-4">
        <CertificateOptions person={p} household={household} choices={choices} onChange={setChoices} mayShowMyNumber={mayShowMyNumber} />
        {error && <p role="alert" className="whitespace-pre-line rounded-8 border-2 border-error-1 p-3 text-std-16N-170 text-error-1">{error}</p>}
        <div>
          <button type="submit" className={primaryButton} disabled={busy || !hasPersons(choices)}>
            {busy ? '交付しています…' : '交付'}
          </button>
        </div>
      </form>
      {issued && (
        <section aria-labelledby="issued-title" className="flex flex-col gap-4 rounded-8 bg-white p-4">
          <h2 id="issued-title" className="text-std-20B-150">交付した証明書</h2>
          <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-std-16N-170">
            <dt className="text-std-16B-170">種類</dt><dd>{KIND_LABELS[issued.kind]}</dd>
            <dt className="text-std-16B-170">発行番号</dt><dd data-testid="certificate-no">{issued.certificateNo}</dd>
            <dt className="text-std-16B-170">枚数</dt><dd>{issued.pages ?? '—'}枚</dd>
          </dl>
          {issued.alerts.length > 0 && (
            <div role="alert" className="rounded-8 border-2 border-error-1 p-3 text-std-16N-170 text-error-1">
              <p className="text-std-16B-170">文字溢れがあります。印字を確認してください。</p>
              <ul className="list-disc pl-6">{issued.alerts.map((a, i) => <li key={i}>{a.message}</li>)}</ul>
            </div>
          )}
          <div className="flex items-center gap-4">
            <button ref={printButton} type="button" className={primaryButton} onClick={() => preview.current?.contentWindow?.print()}>印刷</button>
            <a className={secondaryButton} href={issued.url} download={`${KIND_LABELS[issued.kind]}-${issued.certificateNo}.pdf`}>PDFを保存</a>
          </div>
          <iframe ref={preview} title="証明書のプレビュー" src={issued.url} className="h-[60rem] w-full border border-solid-gray-420" />
        </section>
      )}
    </section>
  );
}
