/**
 * ジョブの投入: a job type (the types this screen has seen are offered), its parameters as JSON and,
 * if wanted, the chunk size. The server checks the type and the parameters and counts the work before
 * it queues anything; its messages appear under the field they concern. The API lists no job types:
 * which exist depends on the businesses built into this deployment.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { Field, inputClass, primaryButton } from '../../ui';
import { Alert, FieldMessage, formProblem, type Data } from './common';

const submitJob = (tenantCode: string, body: { type: string; params?: unknown; chunkSize?: number }) =>
  api.POST('/api/v1/tenants/{tenantCode}/jobs', { params: { path: { tenantCode } }, body });
type Job = Data<typeof submitJob>;

const EMPTY = { type: '', params: '', chunkSize: '' };

export function JobSubmitForm({ tenantCode, knownTypes, onSubmitted }: { tenantCode: string; knownTypes: string[]; onSubmitted: (job: Job) => void }) {
  const [form, setForm] = useState(EMPTY);
  const [messages, setMessages] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    let params: unknown;
    try {
      params = form.params.trim() === '' ? undefined : JSON.parse(form.params);
    } catch {
      setMessages({ params: 'パラメータはJSONで入力してください（例: {"year": 2026}）' });
      return setError('入力内容に誤りがあります。各項目の下のメッセージを確認してください。');
    }
    setBusy(true);
    const { data, error: problem } = await submitJob(tenantCode, {
      type: form.type.trim(),
      ...(params === undefined ? {} : { params }),
      ...(form.chunkSize.trim() ? { chunkSize: Number(form.chunkSize) } : {}),
    });
    setBusy(false);
    if (!data) {
      const { messages: byField, alert } = formProblem(problem, Object.keys(EMPTY));
      setMessages(byField);
      return setError(alert);
    }
    setForm(EMPTY);
    setMessages({});
    setError(null);
    onSubmitted(data);
  }

  const described = (field: string) => (messages[field] ? { 'aria-invalid': true, 'aria-describedby': `job-${field}-message` } : {});
  return (
    <section aria-labelledby="job-submit-title" className="rounded-8 border border-solid-gray-420 bg-white p-4">
      <h2 id="job-submit-title" className="mb-1 text-std-20B-150">ジョブの投入</h2>
      <p className="mb-3 text-std-16N-170">投入できる種類は、この環境に組み込まれた業務が定めます。</p>
      <form onSubmit={submit} noValidate className="grid gap-4 md:grid-cols-2">
        <div className="flex flex-col gap-1">
          <Field label="種類（例: 業務名.処理名）" id="job-type">
            <input id="job-type" className={inputClass} value={form.type} onChange={set('type')} list="job-types" autoComplete="off" {...described('type')} />
          </Field>
          <datalist id="job-types">{knownTypes.map((t) => <option key={t} value={t} />)}</datalist>
          <FieldMessage id="job-type-message" message={messages.type} />
        </div>
        <div className="flex flex-col gap-1">
          <Field label="チャンクの件数（任意、1〜100000）" id="job-chunkSize">
            <input id="job-chunkSize" type="number" min={1} max={100000} inputMode="numeric" className={inputClass} value={form.chunkSize} onChange={set('chunkSize')} {...described('chunkSize')} />
          </Field>
          <FieldMessage id="job-chunkSize-message" message={messages.chunkSize} />
        </div>
        <div className="flex flex-col gap-1 md:col-span-2">
          <Field label="パラメータ（JSON、任意。Ctrl+Enter で投入）" id="job-params">
            <textarea id="job-params" rows={3} className={`${inputClass} text-mono-16N-150`} value={form.params} onChange={set('params')} spellCheck={false}
              onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.currentTarget.form?.requestSubmit()} {...described('params')} />
          </Field>
          <FieldMessage id="job-params-message" message={messages.params} />
        </div>
        <div className="flex flex-col gap-3 md:col-span-2">
          {error && <Alert>{error}</Alert>}
          <div><button type="submit" className={primaryButton} disabled={busy}>{busy ? '投入中…' : '投入する'}</button></div>
        </div>
      </form>
    </section>
  );
}
