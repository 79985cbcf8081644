/**
 * The frame of every screen: 団体, 系 (zone) and the operator always in view (DESIGN §6), the menu of
 * the businesses this deployment has, sign-out, the idle warning. Views open over the menu's screen
 * as a stack (navigation.ts): a person over the search, a procedure over the person; Esc goes back.
 * Shortcuts (Alt+H lists them) open the frequent screens from anywhere.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSession, ZONE_NAMES } from './session';
import { NavigationContext, type Navigation, type View } from './navigation';
import { IdleWarning } from './IdleWarning';
import { MENU, type Screen } from './menu';
import { ViewOf } from './views';
import { primaryButton, secondaryButton } from './ui';

const SHORTCUTS: [string, string][] = [
  ...MENU.filter((s) => s.key).map((s) => [`Alt+${s.key!.toUpperCase()}`, `${s.label}（どの画面からでも）`] as [string, string]),
  ['Alt+1 … Alt+6', '住民の画面から: 転居・転出・世帯変更・出生・死亡・職権修正'],
  ['Alt+C', '住民の画面から: 証明書交付'],
  ['Tab / Shift+Tab', '次・前の項目へ'],
  ['Enter', '選んだ住民を開く、入力を確認する・確定する'],
  ['Esc', '戻る、閉じる'],
  ['Alt+H', 'このショートカット一覧'],
];

export function Shell() {
  const { me, signOut } = useSession();
  const menu = MENU.filter((s) => me.permissions.includes(s.permission));
  const [screen, setScreen] = useState<Screen['id']>(menu[0]?.id ?? 'resident-search');
  // Each view opened gets a fresh key: 続けて入力 or another person replaces it and starts anew.
  const [stack, setStack] = useState<{ key: number; view: View }[]>([]);
  const [screenKey, setScreenKey] = useState(0);
  const counter = useRef(0);
  // A screen chosen from the menu takes the focus even from the menu's button.
  const chosen = useRef(false);
  const [help, setHelp] = useState(false);
  const onScreen = stack.length === 0;
  const go = useCallback((target: Screen) => {
    setScreen(target.id);
    setStack([]);
    // A menu screen opens fresh (a finished 転入 does not come back), with the focus on its first field.
    setScreenKey((k) => k + 1);
    chosen.current = true;
  }, []);
  const nav: Navigation = useMemo(() => ({
    open: (view) => setStack((s) => [...s, { key: ++counter.current, view }]),
    replace: (view) => setStack((s) => [...s.slice(0, -1), { key: ++counter.current, view }]),
    back: () => setStack((s) => s.slice(0, -1)),
    canGoBack: !onScreen,
    restart: () => (onScreen ? setScreenKey((k) => k + 1) : setStack((s) => [...s.slice(0, -1), { ...s.at(-1)!, key: ++counter.current }])),
  }), [onScreen]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Esc or Alt during a kana conversion belongs to the input method, not to the screen.
      if (e.isComposing || e.keyCode === 229) return;
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
      if (e.key === 'Escape' && stack.length > 0) {
        e.preventDefault();
        nav.back();
        return;
      }
      const target = menu.find((s) => e.altKey && s.key && e.key.toLowerCase() === s.key);
      if (target) {
        e.preventDefault();
        go(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stack, help, menu, nav, go]);

  const top = stack.at(-1);
  // Where the focus goes when a screen or view opens: the menu screen's first field (id `<screen>-start`); in a
  // view, its own autofocus, else its title once it has loaded (tried a few times: views load from the server).
  useEffect(() => {
    const timers = [0, 100, 300, 1000, 2000].map((ms) => setTimeout(() => {
      const inScreen = document.querySelector('main')?.contains(document.activeElement);
      if (document.activeElement && document.activeElement !== document.body && !(chosen.current && !inScreen)) return;
      chosen.current = false;
      const target = top ? document.querySelector<HTMLElement>('main [data-view] h1') : (document.getElementById(`${screen}-start`) ?? document.querySelector<HTMLElement>('main h1'));
      if (!target) return;
      if (target.tagName === 'H1') target.tabIndex = -1;
      target.focus();
    }, ms));
    return () => timers.forEach(clearTimeout);
  }, [top, screen, screenKey]);
  const current = menu.find((s) => s.id === screen);
  return (
    <NavigationContext.Provider value={nav}>
      <div className="flex min-h-screen flex-col bg-solid-gray-50 text-solid-gray-900">
        <header className="flex flex-wrap items-center gap-4 border-b border-solid-gray-420 bg-white px-6 py-3">
          <p className="text-std-20B-150">yakuba 基幹業務</p>
          <p className="text-std-16N-170" data-testid="tenant">団体 {me.tenantCode ?? '（運用者）'}</p>
          <p className="rounded-8 bg-blue-100 px-2 text-std-16B-170 text-blue-1000" data-testid="zone">{ZONE_NAMES[me.zone] ?? me.zone}</p>
          <p className="ml-auto text-std-16N-170" data-testid="operator">{me.loginName}</p>
          <button type="button" className={secondaryButton} onClick={() => setHelp(true)}>ショートカット（Alt+H）</button>
          <button type="button" className={secondaryButton} onClick={() => void signOut()}>サインアウト</button>
        </header>
        <div className="flex flex-1">
          <nav aria-label="業務メニュー" className="w-64 shrink-0 border-r border-solid-gray-420 bg-white p-4">
            {['運用', '住民記録', '管理'].map((group) => menu.some((s) => s.group === group) && (
              <div key={group} className="mb-4">
                <p className="mb-1 text-std-16B-170 text-solid-gray-700">{group}</p>
                <ul className="flex flex-col gap-1">
                  {menu.filter((s) => s.group === group).map((s) => (
                    <li key={s.id}>
                      <button type="button" aria-current={screen === s.id && !top ? 'page' : undefined} onClick={() => go(s)}
                        className="w-full rounded-8 px-3 py-2 text-left text-std-16B-170 text-blue-900 hover:bg-blue-50 aria-[current=page]:bg-blue-100">
                        {s.label}{s.key && <span className="ml-2 text-std-16N-170 text-solid-gray-700">Alt+{s.key.toUpperCase()}</span>}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
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
          <main className="min-w-0 flex-1 p-6">
            {top && <div data-view><ViewOf key={top.key} view={top.view} /></div>}
            {/* The menu's screen stays mounted under the views, so a search and its results are there on the way back. */}
            <div hidden={top !== undefined}>{current && <current.Component key={`${screen}-${screenKey}`} />}</div>
          </main>
        </div>
      </div>
    </NavigationContext.Provider>
  );
}
