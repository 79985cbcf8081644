/**
 * The frame of every screen: 団体, 系 (zone) and the operator always in view (DESIGN §6), the menu of
 * the businesses this deployment has, sign-out. Alt+S jumps to 住民検索 from anywhere.
 */
import { useEffect, useState } from 'react';
import { useSession, ZONE_NAMES } from './session';
import { PersonView } from './pages/PersonView';
import { ResidentSearch } from './pages/ResidentSearch';
import { secondaryButton } from './ui';

const SCREENS = [{ id: 'resident-search', label: '住民検索', key: 's', permission: 'resident-registry:read' }] as const;

export function Shell() {
  const { me, signOut } = useSession();
  const [screen, setScreen] = useState<(typeof SCREENS)[number]['id']>('resident-search');
  // The person open from the search, if any; Esc goes back to the search as it was.
  const [person, setPerson] = useState<string | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && person) {
        e.preventDefault();
        setPerson(null);
        return;
      }
      const target = SCREENS.find((s) => e.altKey && e.key.toLowerCase() === s.key);
      if (target) {
        e.preventDefault();
        setScreen(target.id);
        setPerson(null);
        setTimeout(() => document.getElementById(`${target.id}-start`)?.focus());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [person]);

  return (
    <div className="min-h-screen bg-solid-gray-50 text-solid-gray-900">
      <header className="flex flex-wrap items-center gap-4 border-b border-solid-gray-420 bg-white px-6 py-3">
        <p className="text-std-20B-150">yakuba 基幹業務</p>
        <p className="text-std-16N-170" data-testid="tenant">団体 {me.tenantCode ?? '（運用者）'}</p>
        <p className="rounded-8 bg-blue-100 px-2 text-std-16B-170 text-blue-1000" data-testid="zone">{ZONE_NAMES[me.zone] ?? me.zone}</p>
        <p className="ml-auto text-std-16N-170" data-testid="operator">{me.loginName}</p>
        <button type="button" className={secondaryButton} onClick={() => void signOut()}>サインアウト</button>
      </header>
      <div className="flex">
        <nav aria-label="業務メニュー" className="w-48 border-r border-solid-gray-420 bg-white p-4">
          <ul className="flex flex-col gap-2">
            {SCREENS.filter((s) => me.permissions.includes(s.permission)).map((s) => (
              <li key={s.id}>
                <button type="button" aria-current={screen === s.id ? 'page' : undefined} onClick={() => setScreen(s.id)}
                  className="w-full rounded-8 px-3 py-2 text-left text-std-16B-170 text-blue-900 hover:bg-blue-50 aria-[current=page]:bg-blue-100">
                  {s.label}<span className="ml-2 text-std-16N-170 text-solid-gray-600">Alt+{s.key.toUpperCase()}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main className="flex-1 p-6">
          {person && <PersonView addresseeNo={person} onOpen={setPerson} onBack={() => setPerson(null)} />}
          {/* Kept mounted under the person, so the search and its results are there on the way back. */}
          <div hidden={person !== null}>{screen === 'resident-search' && <ResidentSearch onOpen={setPerson} />}</div>
        </main>
      </div>
    </div>
  );
}
