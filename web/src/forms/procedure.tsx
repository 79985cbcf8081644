/**
 * The three steps every counter procedure goes through (DESIGN §6): 入力 → 確認 → 受付.
 * 確認 asks the server to check the whole 異動 against the register without writing it
 * (POST /checks, the same rules as 登録), so a mistake shows next to its field before anything is
 * recorded; 登録 posts the procedure itself and the receipt shows what was recorded.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, type Problem } from '../api/client';
import { useNavigation } from '../navigation';
import { fieldId, type FieldErrors } from './controls';
import { primaryButton, secondaryButton } from '../ui';

/** The procedures the counter forms record, with the route each posts to. */
export const PROCEDURE_PATHS = {
  moveIn: '/api/v1/resident-registry/move-in',
  registerForeignResident: '/api/v1/resident-registry/foreign-resident-notification',
  moveWithin: '/api/v1/resident-registry/move-within',
  moveOut: '/api/v1/resident-registry/move-out',
  birth: '/api/v1/resident-registry/birth',
  death: '/api/v1/resident-registry/death',
  changeHousehold: '/api/v1/resident-registry/household-change',
  correctExOfficio: '/api/v1/resident-registry/ex-officio-correction',
} as const;
export type ProcedureName = keyof typeof PROCEDURE_PATHS;

const record = (procedure: ProcedureName, body: unknown) => api.POST(PROCEDURE_PATHS[procedure] as '/api/v1/resident-registry/move-in', { body: body as never });
export type Recorded = NonNullable<Awaited<ReturnType<typeof record>>['data']>;
type Alert = Recorded['alerts'][number];

const OFFLINE: Problem = { detail: 'サーバーに接続できませんでした。ネットワークを確認して、もう一度「確認」してください。' };
/** A 登録 whose answer was lost may have been recorded: say so, rather than invite a second 異動. */
const UNKNOWN_OUTCOME: Problem = { detail: 'サーバーからの応答がありませんでした。登録されたかどうかを住民検索で確かめてから、必要なら入力し直してください。' };

/** The message without the field path the API puts before it for integrators (`body.persons.2.birthDate: …`). */
const bare = (e: { field: string; message: string }) => (e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message);

/** A problem's messages by field, the field named as in the procedure's own body. */
function fieldErrors(problem: Problem): FieldErrors {
  const out: FieldErrors = {};
  for (const e of problem.errors ?? []) (out[e.field.replace(/^body\.(input\.)?/, '')] ??= []).push(bare(e));
  return out;
}

export interface Flow {
  step: 'edit' | 'confirm' | 'done';
  busy: boolean;
  errors: FieldErrors;
  /** The problem's text when it is not about one field (or as the summary of all of them). */
  problem: Problem | null;
  alerts: Alert[];
  result: Recorded | null;
  check(body: unknown): Promise<void>;
  commit(): Promise<void>;
  edit(): void;
}

export function useProcedure(procedure: ProcedureName): Flow {
  const [step, setStep] = useState<Flow['step']>('edit');
  const [busy, setBusy] = useState(false);
  const [body, setBody] = useState<unknown>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  // A late 届出 comes as one of the alerts (届出期間経過), so the alerts are all there is to confirm.
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [result, setResult] = useState<Recorded | null>(null);
  const refuse = (p: unknown) => {
    setProblem((p ?? { detail: '処理できませんでした' }) as Problem);
    setStep('edit');
  };
  return {
    step, busy, problem, result, errors: problem ? fieldErrors(problem) : {}, alerts,
    async check(next) {
      setBusy(true);
      const { data, error } = await api.POST('/api/v1/resident-registry/checks', { body: { procedure, input: next } }).catch(() => ({ data: undefined, error: OFFLINE }))
        .finally(() => setBusy(false));
      if (!data) return refuse(error);
      setBody(next);
      setProblem(null);
      setAlerts(data.alerts);
      setStep('confirm');
    },
    async commit() {
      setBusy(true);
      const { data, error } = await record(procedure, body).catch(() => ({ data: undefined, error: UNKNOWN_OUTCOME })).finally(() => setBusy(false));
      if (!data) return refuse(error);
      setResult(data);
      setStep('done');
    },
    edit: () => setStep('edit'),
  };
}

/** Where a field is, for the summary: the person of a family (`persons.2.…` → 異動者3). */
const where = (field: string) => {
  const person = /^body\.(?:input\.)?persons\.(\d+)(?:\.|$)/.exec(field);
  return person ? `異動者${Number(person[1]) + 1}: ` : '';
};

/** The summary above the form: one line per message (the detail when there are none), each once. */
const problemLines = (p: Problem) =>
  (p.errors?.length ? p.errors.map((e) => `${where(e.field)}${bare(e)}`) : [p.detail ?? p.title ?? '処理できませんでした']).filter((l, i, all) => all.indexOf(l) === i);

/**
 * The frame of a procedure form: the fields while editing (Enter or 「確認」 checks), the summary to
 * confirm with the server's alerts (「登録」), and the receipt (`receipt`, given the result).
 */
export function ProcedureSteps({ title, flow, build, summary, receipt, notice, children }: {
  title: string;
  flow: Flow;
  /** The request body from the fields, or null when something the server cannot check is missing (the fields say what). */
  build: () => unknown;
  summary: [string, string][];
  receipt: (result: Recorded) => ReactNode;
  /** Shown on every step (a 支援措置 warning). */
  notice?: ReactNode;
  children: ReactNode;
}) {
  const nav = useNavigation();
  // The focus follows the step once it is on screen: the first field the server named (the operator is
  // where the mistake is), 登録 on the confirmation, the receipt when done.
  useEffect(() => {
    const target = flow.step === 'confirm' ? document.getElementById('procedure-commit')
      : flow.step === 'done' ? document.getElementById('procedure-receipt')
      : flow.problem ? (document.querySelector<HTMLElement>('[aria-invalid="true"]') ?? document.getElementById('procedure-problem')) : null;
    target?.focus();
  }, [flow.step, flow.problem]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = build();
    // null: the form already says what is missing (a 世帯番号 not found); nothing to ask the server.
    if (body !== null) void flow.check(body);
  };
  return (
    <section aria-labelledby="procedure-title" className="flex flex-col gap-4">
      <div className="flex items-center gap-4">
        <h1 id="procedure-title" className="text-std-24B-150">{title}</h1>
        <ol className="flex gap-2 text-std-16N-170" aria-label="手順">
          {(['edit', 'confirm', 'done'] as const).map((s, i) => (
            <li key={s} aria-current={flow.step === s ? 'step' : undefined} className="rounded-8 px-2 aria-[current=step]:bg-blue-100 aria-[current=step]:text-std-16B-170">
              {i + 1}. {{ edit: '入力', confirm: '確認', done: '受付' }[s]}
            </li>
          ))}
        </ol>
        {nav.canGoBack && <button type="button" className={`${secondaryButton} ml-auto`} onClick={nav.back}>戻る（Esc）</button>}
      </div>
      {notice}
      {flow.problem && (
        <div id="procedure-problem" role="alert" tabIndex={-1} className="rounded-8 border-2 border-error-1 bg-white p-3 text-std-16N-170 text-error-1">
          {flow.problem.errors?.length ? <p className="text-std-16B-170">入力内容に誤りがあります。各項目の表示を確認してください。</p> : null}
          {problemLines(flow.problem).map((l) => <p key={l}>{l}</p>)}
        </div>
      )}
      {flow.step === 'edit' && (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4 rounded-8 bg-white p-4">
          {children}
          <div><button type="submit" className={primaryButton} disabled={flow.busy}>{flow.busy ? '確認中…' : '確認（Enter）'}</button></div>
        </form>
      )}
      {flow.step === 'confirm' && (
        <div className="flex flex-col gap-4 rounded-8 bg-white p-4">
          <h2 className="text-std-20B-150">この内容で登録します。よろしいですか。</h2>
          <dl className="grid grid-cols-[14rem_1fr] gap-x-4 gap-y-1 text-std-16N-170">
            {summary.map(([k, v], i) => [<dt key={`${i}-t`} className="text-std-16B-170 text-solid-gray-800">{k}</dt>, <dd key={`${i}-d`}>{v || '（なし）'}</dd>])}
          </dl>
          {flow.alerts.length > 0 && (
            <div role="status" className="rounded-8 border-2 border-yellow-700 p-3 text-std-16N-170">
              <p className="text-std-16B-170">確認してください</p>
              {flow.alerts.map((a) => <p key={`${a.field}-${a.rule}`}>{a.message}</p>)}
            </div>
          )}
          <div className="flex gap-4">
            <button id="procedure-commit" type="button" className={primaryButton} disabled={flow.busy} onClick={() => void flow.commit()}>{flow.busy ? '登録中…' : '登録する'}</button>
            <button type="button" className={secondaryButton} onClick={flow.edit}>入力に戻って修正する</button>
          </div>
        </div>
      )}
      {flow.step === 'done' && flow.result && (
        <div id="procedure-receipt" tabIndex={-1} role="status" className="flex flex-col gap-4 rounded-8 border-2 border-success-1 bg-white p-4">
          <h2 className="text-std-20B-150">受け付けました</h2>
          {receipt(flow.result)}
        </div>
      )}
    </section>
  );
}

/** Focuses the first input of the form (after the page changes to it). */
export const focusFirst = (name: string) => setTimeout(() => document.getElementById(fieldId(name))?.focus());
