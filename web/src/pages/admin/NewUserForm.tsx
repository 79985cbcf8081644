/**
 * 利用者の登録 (j1380): 利用者ID, 名称, 所属, 役割 and an optional 有効期間. The server generates the
 * initial password and answers it once; the page shows it. Its validation messages appear under the
 * field they concern (aria-describedby), the rest in the alert above the button. Enter submits.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { Field, inputClass, primaryButton } from '../../ui';
import { Alert, FieldMessage, formProblem, type Data } from './common';
import { RoleChecks, type RoleOption } from './RoleChecks';

const createUser = (tenantCode: string, body: { loginName: string; displayName: string; department: string | null; roles: string[]; validFrom: string | null; validUntil: string | null }) =>
  api.POST('/api/v1/tenants/{tenantCode}/users', { params: { path: { tenantCode } }, body });
export type Created = Data<typeof createUser>;

const EMPTY = { loginName: '', displayName: '', department: '', validFrom: '', validUntil: '' };
type TextField = keyof typeof EMPTY;
const FIELDS: [TextField, string][] = [
  ['loginName', '利用者ID（英数字と . _ @ - の3〜64文字）'],
  ['displayName', '利用者名称（氏名）'],
  ['department', '所属（任意）'],
];

export function NewUserForm({ tenantCode, roles, onCreated }: { tenantCode: string; roles: RoleOption[]; onCreated: (created: Created) => void }) {
  const [form, setForm] = useState(EMPTY);
  const [chosen, setChosen] = useState<string[]>([]);
  const [messages, setMessages] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: TextField) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const { data, error: problem } = await createUser(tenantCode, {
      loginName: form.loginName.trim(),
      displayName: form.displayName,
      department: form.department.trim() || null,
      roles: chosen,
      validFrom: form.validFrom || null,
      validUntil: form.validUntil || null,
    });
    setBusy(false);
    if (!data) {
      const { messages: byField, alert } = formProblem(problem, [...Object.keys(EMPTY), 'roles']);
      setMessages(byField);
      return setError(alert);
    }
    setForm(EMPTY);
    setChosen([]);
    setMessages({});
    setError(null);
    onCreated(data);
  }

  const input = (key: TextField, type = 'text') => (
    <input
      id={`new-user-${key}`}
      type={type}
      className={inputClass}
      value={form[key]}
      onChange={set(key)}
      autoComplete="off"
      aria-invalid={messages[key] ? true : undefined}
      aria-describedby={messages[key] ? `new-user-${key}-message` : undefined}
    />
  );

  return (
    <section aria-labelledby="new-user-title" className="rounded-8 border border-solid-gray-420 bg-white p-4">
      <h2 id="new-user-title" className="mb-3 text-std-20B-150">利用者の登録</h2>
      <form onSubmit={submit} noValidate className="grid gap-4 md:grid-cols-2">
        {FIELDS.map(([key, label]) => (
          <div key={key} className="flex flex-col gap-1">
            <Field label={label} id={`new-user-${key}`}>{input(key)}</Field>
            <FieldMessage id={`new-user-${key}-message`} message={messages[key]} />
          </div>
        ))}
        <div className="flex flex-col gap-1">
          <RoleChecks roles={roles} value={chosen} onChange={setChosen} describedBy={messages.roles ? 'new-user-roles-message' : undefined} />
          <FieldMessage id="new-user-roles-message" message={messages.roles} />
        </div>
        <div className="flex flex-col gap-1">
          <Field label="有効期間の開始日（任意）" id="new-user-validFrom">{input('validFrom', 'date')}</Field>
          <FieldMessage id="new-user-validFrom-message" message={messages.validFrom} />
        </div>
        <div className="flex flex-col gap-1">
          <Field label="有効期間の終了日（任意）" id="new-user-validUntil">{input('validUntil', 'date')}</Field>
          <FieldMessage id="new-user-validUntil-message" message={messages.validUntil} />
        </div>
        <div className="flex flex-col gap-3 md:col-span-2">
          {error && <Alert>{error}</Alert>}
          <div><button type="submit" className={primaryButton} disabled={busy}>{busy ? '登録中…' : '登録する'}</button></div>
        </div>
      </form>
    </section>
  );
}
