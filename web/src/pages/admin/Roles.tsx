/**
 * ロール（役割）: the 団体's roles with their permissions, and creating or changing a role of its own
 * (PUT …/roles/{name}). The built-in システム管理者 holds every permission of a 団体, so its list is the
 * catalogue to choose from; a permission the editor lacks cannot be handed out (the server refuses
 * it, the form says so beforehand). Enter saves, 編集 fills the form with the role.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, problemText } from '../../api/client';
import { useSession } from '../../session';
import { Field, inputClass, primaryButton, secondaryButton } from '../../ui';
import { platformPermissions } from '../../../../src/platform/identity/principal.ts';
import { Alert, bodyRow, FieldMessage, formProblem, headRow, NoTenant, smallButton, td, th, type Data } from './common';

/** The permission the menu entry and every call here need. */
export const ROLES_PERMISSION = 'identity:manage-roles';

const getRoles = (tenantCode: string) => api.GET('/api/v1/tenants/{tenantCode}/roles', { params: { path: { tenantCode } } });
const putRole = (tenantCode: string, name: string, body: { title: string; permissions: string[] }) =>
  api.PUT('/api/v1/tenants/{tenantCode}/roles/{name}', { params: { path: { tenantCode, name } }, body });
type Role = Data<typeof getRoles>['items'][number];

/** Headings for the permissions of each part; an unknown part shows its id. */
const PARTS: Record<string, string> = {
  'resident-registry': '住民基本台帳', addressee: '宛名管理', identity: '利用者・役割', audit: '監査ログ', jobs: 'バッチジョブ', events: 'イベント配信', tenants: '団体',
};
const describe = (permission: string) => platformPermissions[permission];
const partOf = (permission: string) => permission.split(':')[0] ?? permission;

const EMPTY = { name: '', title: '', permissions: [] as string[], existing: false };

export function Roles() {
  const { me } = useSession();
  const tenantCode = me.tenantCode ?? '';
  const [roles, setRoles] = useState<Role[] | null>(null);
  const [version, setVersion] = useState(0);
  const [form, setForm] = useState(EMPTY);
  const [messages, setMessages] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!tenantCode) return;
    let live = true;
    void getRoles(tenantCode).then(({ data, error: problem }) => {
      if (!live) return;
      if (data) setRoles(data.items);
      else setError(problemText(problem));
    });
    return () => {
      live = false;
    };
  }, [tenantCode, version]);

  const catalogue = roles?.find((r) => r.builtIn)?.permissions ?? [];
  const parts = [...new Set(catalogue.map(partOf))];
  const toggle = (p: string, on: boolean) => setForm({ ...form, permissions: on ? [...form.permissions, p] : form.permissions.filter((x) => x !== p) });

  function edit(role: Role) {
    // A permission no longer in the catalogue grants nothing and cannot be saved again: it is left out.
    setForm({ name: role.name, title: role.title, permissions: role.permissions.filter((p) => catalogue.includes(p)), existing: true });
    setMessages({});
    setError(null);
    setNotice(null);
    setTimeout(() => document.getElementById('role-title')?.focus());
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const { data, error: problem } = await putRole(tenantCode, form.name.trim(), { title: form.title, permissions: form.permissions });
    if (!data) {
      const { messages: byField, alert } = formProblem(problem, ['name', 'title', 'permissions']);
      setMessages(byField);
      return setError(alert);
    }
    setForm(EMPTY);
    setMessages({});
    setError(null);
    setNotice(`役割 ${data.name}（${data.title}）を保存しました。`);
    setVersion((v) => v + 1);
  }

  if (!tenantCode) return <NoTenant />;
  const described = (field: string) => (messages[field] ? { 'aria-invalid': true, 'aria-describedby': `role-${field}-message` } : {});
  return (
    <section aria-labelledby="roles-title" className="flex flex-col gap-6">
      <h1 id="roles-title" className="text-std-24B-150">ロール（役割）</h1>
      <section aria-labelledby="role-form-title" className="rounded-8 border border-solid-gray-420 bg-white p-4">
        <h2 id="role-form-title" className="mb-3 text-std-20B-150">{form.existing ? `役割 ${form.name} の変更` : '役割の作成'}</h2>
        <form onSubmit={save} noValidate className="flex flex-col gap-4">
          <div className="grid gap-4 md:grid-cols-2">
            <div className="flex flex-col gap-1">
              <Field label="役割名（英小文字・数字・ハイフン、例: counter-clerk）" id="role-name">
                <input id="role-name" className={inputClass} value={form.name} readOnly={form.existing} autoComplete="off" onChange={(e) => setForm({ ...form, name: e.target.value })} {...described('name')} />
              </Field>
              <FieldMessage id="role-name-message" message={messages.name} />
            </div>
            <div className="flex flex-col gap-1">
              <Field label="表示名（例: 窓口担当）" id="role-title">
                <input id="role-title" className={inputClass} value={form.title} autoComplete="off" onChange={(e) => setForm({ ...form, title: e.target.value })} {...described('title')} />
              </Field>
              <FieldMessage id="role-title-message" message={messages.title} />
            </div>
          </div>
          <fieldset aria-describedby={messages.permissions ? 'role-permissions-message' : undefined} className="flex flex-col gap-3">
            <legend className="mb-1 text-std-16B-170 text-solid-gray-800">権限</legend>
            {parts.map((part) => (
              <div key={part}>
                <p className="text-std-16B-170">{PARTS[part] ?? part}</p>
                {catalogue.filter((p) => partOf(p) === part).map((p) => {
                  const held = me.permissions.includes(p);
                  return (
                    <label key={p} className={`flex items-center gap-2 text-std-16N-170 ${held ? '' : 'text-solid-gray-600'}`}>
                      <input type="checkbox" className="size-5" checked={form.permissions.includes(p)} disabled={!held && !form.permissions.includes(p)} onChange={(e) => toggle(p, e.target.checked)} />
                      <span className="text-mono-16N-150">{p}</span>{describe(p) && `\u3000${describe(p)}`}
                      {!held && '（自分が持たない権限のため付与できません）'}
                    </label>
                  );
                })}
              </div>
            ))}
          </fieldset>
          <FieldMessage id="role-permissions-message" message={messages.permissions} />
          {error && <Alert>{error}</Alert>}
          <div className="flex gap-3">
            <button type="submit" className={primaryButton}>保存する</button>
            {form.existing && <button type="button" className={secondaryButton} onClick={() => { setForm(EMPTY); setMessages({}); document.getElementById('role-name')?.focus(); }}>新しい役割を作る</button>}
          </div>
        </form>
      </section>
      {notice && <p role="status" className="rounded-8 border border-success-2 bg-white p-3 text-std-16N-170 text-success-2">{notice}</p>}
      <section aria-labelledby="role-list-title">
        <h2 id="role-list-title" className="mb-2 text-std-20B-150">役割の一覧</h2>
        {roles === null ? !error && <p className="text-std-16N-170">読み込み中…</p> : (
          <table className="w-full border-collapse bg-white text-std-16N-170">
            <thead>
              <tr className={headRow}>{['役割名', '表示名', '区分', '権限', '操作'].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr>
            </thead>
            <tbody>
              {roles.map((r) => (
                <tr key={r.name} className={bodyRow}>
                  <td className={td}>{r.name}</td>
                  <td className={td}>{r.title}</td>
                  <td className={td}>{r.builtIn ? '組込み' : '団体で設定'}</td>
                  <td className={td}>
                    {r.builtIn ? (
                      <details>
                        <summary className="cursor-pointer text-blue-900">すべての権限（{r.permissions.length}件）</summary>
                        <PermissionList permissions={r.permissions} />
                      </details>
                    ) : <PermissionList permissions={r.permissions} />}
                  </td>
                  <td className={td}>{r.builtIn ? '変更できません' : <button type="button" className={smallButton} onClick={() => edit(r)}>編集</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}

function PermissionList({ permissions }: { permissions: string[] }) {
  if (permissions.length === 0) return <span className="text-solid-gray-600">（なし）</span>;
  return <ul>{permissions.map((p) => <li key={p}><span className="text-mono-14N-150">{p}</span>{describe(p) && `\u3000${describe(p)}`}</li>)}</ul>;
}
