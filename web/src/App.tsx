/**
 * The staff application: sign-in until a session exists, then the shell with the counter's screens.
 * The session is the server's (cookie); a reload asks /auth/me again.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, setCsrfToken } from './api/client';
import { SessionContext, type Me } from './session';
import { SignIn } from './pages/SignIn';
import { Shell } from './Shell';

const fetchMe = () => api.GET('/api/v1/auth/me');

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);

  const apply = useCallback(({ data }: Awaited<ReturnType<typeof fetchMe>>) => {
    setCsrfToken(data?.csrfToken ?? null);
    setMe(data ? { loginName: data.loginName, tenantCode: data.tenantCode, zone: data.zone, permissions: data.permissions, idleMinutes: data.idleMinutes } : null);
  }, []);
  const load = useCallback(async () => apply(await fetchMe()), [apply]);
  useEffect(() => {
    let live = true;
    void fetchMe().then((answer) => live && apply(answer));
    return () => {
      live = false;
    };
  }, [apply]);

  const signOut = useCallback(async () => {
    await api.POST('/api/v1/auth/sign-out');
    setCsrfToken(null);
    setMe(null);
  }, []);

  const expired = useCallback(() => {
    setCsrfToken(null);
    setMe(null);
    setNotice('一定時間操作がなかったため、サインアウトしました。もう一度サインインしてください。');
  }, []);
  // Every hook above this line: the returns below depend on the state.
  if (me === undefined) return <p className="p-8 text-std-16N-170">読み込み中…</p>;
  if (me === null) return <SignIn onSignedIn={async () => { setNotice(null); await load(); }} notice={notice} />;
  return (
    <SessionContext.Provider value={{ me, signOut, expired }}>
      <Shell />
    </SessionContext.Provider>
  );
}
