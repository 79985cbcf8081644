/** サインイン: 団体コード, 利用者ID, パスワード and the 確認コード (TOTP) the individual-number zone requires. */
import { useState, type FormEvent } from 'react';
import { api, problemText, setCsrfToken } from '../api/client';
import { Field, inputClass, primaryButton } from '../ui';

export function SignIn({ onSignedIn, notice }: { onSignedIn: () => Promise<void>; notice?: string | null }) {
  const [form, setForm] = useState({ tenantCode: '', loginName: '', password: '', totp: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const { data, error: problem } = await api.POST('/api/v1/auth/sign-in', { body: { ...form, tenantCode: form.tenantCode || undefined, totp: form.totp || undefined } });
    setBusy(false);
    if (!data) return setError(problemText(problem));
    setCsrfToken(data.csrfToken);
    await onSignedIn();
  }

  return (
    <main className="mx-auto mt-16 max-w-md rounded-8 border border-solid-gray-420 bg-white p-8">
      <h1 className="mb-6 text-std-24B-150">yakuba 基幹業務 サインイン</h1>
      {notice && <p role="status" className="mb-4 rounded-8 border border-solid-gray-600 p-3 text-std-16N-170">{notice}</p>}
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <Field label="団体コード（6桁。運用者は空欄）" id="tenantCode">
          <input id="tenantCode" className={inputClass} inputMode="numeric" autoComplete="organization" value={form.tenantCode} onChange={set('tenantCode')} autoFocus />
        </Field>
        <Field label="利用者ID" id="loginName">
          <input id="loginName" className={inputClass} autoComplete="username" value={form.loginName} onChange={set('loginName')} required />
        </Field>
        <Field label="パスワード" id="password">
          <input id="password" type="password" className={inputClass} autoComplete="current-password" value={form.password} onChange={set('password')} required />
        </Field>
        <Field label="確認コード（認証アプリの6桁）" id="totp">
          <input id="totp" className={inputClass} inputMode="numeric" autoComplete="one-time-code" value={form.totp} onChange={set('totp')} />
        </Field>
        {error && <p role="alert" className="whitespace-pre-line rounded-8 border-2 border-error-1 p-3 text-std-16N-170 text-error-1">{error}</p>}
        <button type="submit" className={primaryButton} disabled={busy}>{busy ? 'サインイン中…' : 'サインイン'}</button>
      </form>
    </main>
  );
}
