/**
 * The frame of every screen: 団体, 系 (zone) and the operator always in view (DESIGN §6), the menu of
 * the businesses this deployment has, sign-out, the idle warning. Shortcuts (listed by Alt+H): Alt+S
 * 住民検索 from anywhere, Esc back or closed.
 */
import { useEffect, useState } from 'react';
import { useSession, ZONE_NAMES } from './session';
import { PersonView } from './pages/PersonView';
import { ResidentSearch } from './pages/ResidentSearch';
import { IdleWarning } from './IdleWarning';
import { primaryButton, secondaryButton } from './ui';

const SCREENS = [{ id: 'resident-search', label: '住民検索', key: 's', permission: 'resident-registry:read' }] as const;

const SHORTCUTS: [string, string][] = [
  ['Alt+S', '住民検索（どの画面からでも）'],
  ['Tab / Shift+Tab', '次・前の項目へ'],
  ['Enter', '選んだ住民を開く、入力を確定する'],
  ['Esc', '戻る、閉じる'],
  ['Alt+H', 'このショートカット一覧'],
];

export function Shell() {
  const { me, signOut } = useSession();
  const [screen, setScreen] = useState<(typeof SCREENS)[number]['id']>('resident-search');
  // The person open from the search, if any; Esc goes back to the search as it was.
  const [person, setPerson] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.key.toLowerCase() === 'h') {
        e.preventDefault();
        setHelp((open) => !open);
        return;
      }
      if (e.key === 'Escape' && help) {
        e.preventDefault();
        setHelp(false);
        return;
      }
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
  }, [person, help]);

  return (
    <div className="min-h-screen bg-solid-gray-50 text-solid-gray-900">
      <header className="flex flex-wrap items-center gap-4 border-b border-solid-gray-420 bg-white px-6 py-3">
        <p className="text-std-20B-150">yakuba 基幹業務</p>
        <p className="text-std-16N-170" data-testid="tenant">団体 {me.tenantCode ?? '（運用者）'}</p>
        <p className="rounded-8 bg-blue-100 px-2 text-std-16B-170 text-blue-1000" data-testid="zone">{ZONE_NAMES[me.zone] ?? me.zone}</p>
        <p className="ml-auto text-std-16N-170" data-testid="operator">{me.loginName}</p>
        <button type="button" className={secondaryButton} onClick={() => setHelp(true)}>ショートカット（Alt+H）</button>
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
        {help && (
          <div role="dialog" aria-modal="true" aria-labelledby="help-title" className="fixed inset-0 flex items-center justify-center bg-black/40">
            <div className="max-w-lg rounded-8 bg-white p-6">
              <h2 id="help-title" className="mb-4 text-std-20B-150">ショートカットキー</h2>
              <dl className="mb-4 grid grid-cols-[10rem_1fr] gap-y-1 text-std-16N-170">
                {SHORTCUTS.map(([k, v]) => [<dt key={`${k}-k`} className="text-std-16B-170">{k}</dt>, <dd key={`${k}-v`}>{v}</dd>])}
              </dl>
              <button type="button" className={primaryButton} autoFocus onClick={() => setHelp(false)}>閉じる（Esc）</button>
            </div>
          </div>
        )}
        <IdleWarning />
        <main className="flex-1 p-6">
          {person && <PersonView addresseeNo={person} onOpen={setPerson} onBack={() => setPerson(null)} />}
          {/* Kept mounted under the person, so the search and its results are there on the way back. */}
          <div hidden={person !== null}>{screen === 'resident-search' && <ResidentSearch onOpen={setPerson} />}</div>
        </main>
      </div>
    </div>
  );
}
