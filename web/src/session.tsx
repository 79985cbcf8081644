/** Who is signed in (GET /api/v1/auth/me), shared by every screen. */
import { createContext, useContext } from 'react';

export interface Me {
  loginName: string;
  tenantCode: string | null;
  zone: string;
  permissions: string[];
  idleMinutes: number;
}

export const ZONE_NAMES: Record<string, string> = {
  'individual-number': 'マイナンバー利用事務系',
  lgwan: 'LGWAN接続系',
  internet: 'インターネット接続系',
};

export const SessionContext = createContext<{ me: Me; signOut: () => Promise<void>; expired: () => void } | null>(null);

export function useSession() {
  const session = useContext(SessionContext);
  if (!session) throw new Error('サインインしていません');
  return session;
}
