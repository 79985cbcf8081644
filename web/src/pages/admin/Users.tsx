/**
 * 利用者管理 (操作権限管理, j1380): the 団体's staff users with their roles and state; registering a user,
 * changing a user's roles, パスワード初期化, the 二要素認証 (TOTP) secret and 利用停止. What the server
 * answers once (an initial password, a TOTP secret) is shown once, plainly. Changes that lock someone
 * out ask for confirmation first; Esc cancels. Every change is in the audit log (設定変更ログ).
 */
import { useEffect, useRef, useState } from 'react';
import { api, problemText } from '../../api/client';
import { useSession } from '../../session';
import { primaryButton, secondaryButton } from '../../ui';
import { Alert, bodyRow, dangerButton, headRow, NoTenant, smallButton, td, th, wareki, type Data } from './common';
import { NewUserForm } from './NewUserForm';
import { OneTimeValue, type OneTime } from './OneTimeValue';
import { RoleChecks, type RoleOption } from './RoleChecks';

/** The permission the menu entry and every call here need. */
export const USERS_PERMISSION = 'identity:manage-users';

const getUsers = (tenantCode: string) => api.GET('/api/v1/tenants/{tenantCode}/users', { params: { path: { tenantCode } } });
const getRoles = (tenantCode: string) => api.GET('/api/v1/tenants/{tenantCode}/roles', { params: { path: { tenantCode } } });
const putRoles = (tenantCode: string, loginName: string, roles: string[]) =>
  api.PUT('/api/v1/tenants/{tenantCode}/users/{loginName}/roles', { params: { path: { tenantCode, loginName } }, body: { roles } });
type User = Data<typeof getUsers>['items'][number];

type Action = 'disable' | 'reset-password' | 'totp';
const path = (tenantCode: string, loginName: string) => ({ params: { path: { tenantCode, loginName } } });
const CALLS: Record<Action, (tenantCode: string, loginName: string) => Promise<{ data?: Record<string, unknown>; error?: unknown }>> = {
  disable: (t, l) => api.POST('/api/v1/tenants/{tenantCode}/users/{loginName}/disable', path(t, l)),
  'reset-password': (t, l) => api.POST('/api/v1/tenants/{tenantCode}/users/{loginName}/reset-password', path(t, l)),
  totp: (t, l) => api.POST('/api/v1/tenants/{tenantCode}/users/{loginName}/totp', path(t, l)),
};
const CONFIRM: Record<Action, { question: (u: User) => string; button: string }> = {
  disable: { question: (u) => `利用者 ${u.loginName}（${u.displayName}）の利用を停止します。開いているセッションはすべて終了し、サインインできなくなります。`, button: '停止する' },
  'reset-password': { question: (u) => `利用者 ${u.loginName}（${u.displayName}）のパスワードを初期化します。今のパスワードとセッションは使えなくなります。`, button: '初期化する' },
  totp: { question: (u) => `利用者 ${u.loginName}（${u.displayName}）の二要素認証に新しい秘密鍵を発行します。${u.totpEnrolled ? 'これまでの認証アプリの登録は使えなくなります。' : ''}`, button: '発行する' },
};

const stateOf = (u: User) => [u.disabled && '停止中', u.locked && 'ロック中', u.mustChangePassword && 'パスワード変更待ち'].filter(Boolean).join('、') || '利用中';
const period = (u: User) => (u.validFrom || u.validUntil ? `${wareki(u.validFrom)}〜${wareki(u.validUntil)}` : '');

export function Users() {
  const { me } = useSession();
  const tenantCode = me.tenantCode ?? '';
  const mayListRoles = me.permissions.includes('identity:manage-roles');
  const [users, setUsers] = useState<User[] | null>(null);
  const [roleList, setRoleList] = useState<RoleOption[] | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [oneTime, setOneTime] = useState<OneTime | null>(null);
  const [pending, setPending] = useState<{ action: Action; user: User } | null>(null);
  const [editing, setEditing] = useState<{ user: User; roles: string[] } | null>(null);
  // The button that opened a confirmation or the role editor: the focus goes back there on cancel.
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (!tenantCode) return;
    let live = true;
    void (async () => {
      const [u, r] = await Promise.all([getUsers(tenantCode), mayListRoles ? getRoles(tenantCode) : undefined]);
      if (!live) return;
      if (!u.data) return setError(problemText(u.error));
      setUsers(u.data.items);
      if (r?.data) setRoleList(r.data.items);
    })();
    return () => {
      live = false;
    };
  }, [tenantCode, mayListRoles, version]);

  // Without identity:manage-roles the roles to choose from are those users already hold.
  const roles: RoleOption[] = roleList ?? [...new Set((users ?? []).flatMap((u) => u.roles))].sort().map((name) => ({ name, title: name }));
  const roleTitle = (name: string) => roles.find((r) => r.name === name)?.title ?? name;
  const reload = () => setVersion((v) => v + 1);
  const open = (e: { currentTarget: HTMLElement }) => {
    opener.current = e.currentTarget;
    setError(null);
    setNotice(null);
  };
  // Back where the clerk was: the button that opened the panel, or the list if that button is gone.
  const back = () => setTimeout(() => (opener.current?.isConnected ? opener.current : document.getElementById('user-list-title'))?.focus());
  const cancel = () => {
    setPending(null);
    setEditing(null);
    back();
  };

  async function confirm() {
    if (!pending) return;
    const { action, user } = pending;
    setPending(null);
    const { data, error: problem } = await CALLS[action](tenantCode, user.loginName);
    if (!data) {
      setError(problemText(problem));
      return back();
    }
    if (typeof data.initialPassword === 'string') setOneTime({ kind: 'password', loginName: user.loginName, value: data.initialPassword });
    else if (typeof data.secret === 'string') setOneTime({ kind: 'totp', loginName: user.loginName, value: data.secret, uri: typeof data.uri === 'string' ? data.uri : undefined });
    else {
      setNotice(`利用者 ${user.loginName} の利用を停止しました。`);
      back();
    }
    reload();
  }

  async function saveRoles() {
    if (!editing) return;
    const { data, error: problem } = await putRoles(tenantCode, editing.user.loginName, editing.roles);
    if (!data) return setError(problemText(problem));
    setEditing(null);
    setNotice(`利用者 ${data.loginName} の役割を変更しました（${data.roles.map(roleTitle).join('、') || 'なし'}）。`);
    back();
    reload();
  }

  if (!tenantCode) return <NoTenant />;
  return (
    <section aria-labelledby="users-title" className="flex flex-col gap-6">
      <h1 id="users-title" className="text-std-24B-150">利用者管理</h1>
      {oneTime && <OneTimeValue value={oneTime} onClose={() => { setOneTime(null); back(); }} />}
      <NewUserForm tenantCode={tenantCode} roles={roles} onCreated={(c) => {
        // Once the password is noted, the next registration starts where this one did.
        opener.current = document.getElementById('new-user-loginName');
        setOneTime({ kind: 'password', loginName: c.account.loginName, value: c.initialPassword });
        reload();
      }} />
      {error && <Alert>{error}</Alert>}
      {notice && <p role="status" className="rounded-8 border border-success-2 bg-white p-3 text-std-16N-170 text-success-2">{notice}</p>}
      {pending && (
        <div role="group" aria-labelledby="confirm-text" onKeyDown={(e) => e.key === 'Escape' && cancel()} className="flex flex-col gap-3 rounded-8 border-2 border-error-2 bg-white p-4">
          <p id="confirm-text" className="text-std-16B-170">{CONFIRM[pending.action].question(pending.user)}よろしいですか？</p>
          <div className="flex gap-3">
            <button type="button" className={dangerButton} onClick={() => void confirm()} autoFocus>{CONFIRM[pending.action].button}</button>
            <button type="button" className={secondaryButton} onClick={cancel}>やめる（Esc）</button>
          </div>
        </div>
      )}
      {editing && (
        <form onSubmit={(e) => { e.preventDefault(); void saveRoles(); }} onKeyDown={(e) => e.key === 'Escape' && cancel()} className="flex flex-col gap-3 rounded-8 border-2 border-blue-900 bg-white p-4">
          <RoleChecks legend={`利用者 ${editing.user.loginName}（${editing.user.displayName}）の役割`} roles={roles} value={editing.roles} onChange={(r) => setEditing({ ...editing, roles: r })} autoFocus />
          <div className="flex gap-3">
            <button type="submit" className={primaryButton}>役割を保存する</button>
            <button type="button" className={secondaryButton} onClick={cancel}>やめる（Esc）</button>
          </div>
        </form>
      )}
      <section aria-labelledby="user-list-title">
        <h2 id="user-list-title" tabIndex={-1} className="mb-2 text-std-20B-150">利用者の一覧{users && `（${users.length.toLocaleString('ja-JP')}人）`}</h2>
        {users === null ? <p className="text-std-16N-170">読み込み中…</p> : (
          <table className="w-full border-collapse bg-white text-std-16N-170">
            <thead>
              <tr className={headRow}>
                {['利用者ID', '利用者名称', '所属', '役割', '状態', '二要素認証', '有効期間', '操作'].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className={`${bodyRow} ${u.disabled ? 'text-solid-gray-600' : ''}`}>
                  <td className={td}>{u.loginName}{u.loginName === me.loginName && '（自分）'}</td>
                  <td className={td}>{u.displayName}</td>
                  <td className={td}>{u.department ?? ''}</td>
                  <td className={td}>{u.roles.map(roleTitle).join('、')}</td>
                  <td className={td}>{stateOf(u)}</td>
                  <td className={td}>{u.totpEnrolled ? '登録済み' : '未登録'}</td>
                  <td className={td}>{period(u)}</td>
                  <td className={td}>
                    <div className="flex flex-wrap gap-2">
                      <button type="button" className={smallButton} onClick={(e) => { open(e); setPending(null); setEditing({ user: u, roles: u.roles }); }}>役割の変更</button>
                      <button type="button" className={smallButton} onClick={(e) => { open(e); setEditing(null); setPending({ action: 'reset-password', user: u }); }}>パスワード初期化</button>
                      <button type="button" className={smallButton} onClick={(e) => { open(e); setEditing(null); setPending({ action: 'totp', user: u }); }}>{u.totpEnrolled ? '二要素認証の再発行' : '二要素認証の登録'}</button>
                      {!u.disabled && u.loginName !== me.loginName && (
                        <button type="button" className={smallButton} onClick={(e) => { open(e); setEditing(null); setPending({ action: 'disable', user: u }); }}>利用停止</button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
