/**
 * The staff application: sign-in until a session exists, then the shell with the counter's screens.
 * The session is the server's (cookie); a reload asks /auth/me again.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, setCsrfToken } from './api/client';
import { SessionContext, type Me } from './session';
import { SignIn } from './pages/SignIn';
import { Shell } from './Shell';

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const load = useCallback(async () => {
    const { data } = await api.GET('/api/v1/auth/me');
    setCsrfToken(data?.csrfToken ?? null);
    setMe(data ? { loginName: data.loginName, tenantCode: data.tenantCode, zone: data.zone, permissions: data.permissions } : null);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const signOut = useCallback(async () => {
    await api.POST('/api/v1/auth/sign-out');
    setCsrfToken(null);
    setMe(null);
  }, []);

  if (me === undefined) return <p className="p-8 text-std-16N-170">読み込み中…</p>;
  if (me === null) return <SignIn onSignedIn={load} />;
  return (
    <SessionContext.Provider value={{ me, signOut }}>
      <Shell />
    </SessionContext.Provider>
  );
}
