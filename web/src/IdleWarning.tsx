/** 「まもなくサインアウトされます」 before the server's idle timeout ends the session, and what happens then. */
import { useEffect, useRef, useState } from 'react';
import { api, lastActivity } from './api/client';
import { idleState, type IdleState } from './idle';
import { useSession } from './session';
import { primaryButton } from './ui';

export function IdleWarning() {
  const { me, expired } = useSession();
  const [state, setState] = useState<IdleState>({ kind: 'active' });
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const timer = setInterval(() => {
      const next = idleState(Date.now(), lastActivity, me.idleMinutes);
      if (next.kind === 'expired') expired();
      else setState(next);
    }, 1000);
    return () => clearInterval(timer);
  }, [me.idleMinutes, expired]);
  const warning = state.kind === 'warning';
  useEffect(() => {
    if (warning) button.current?.focus();
  }, [warning]);
  if (state.kind !== 'warning') return null;
  return (
    <div role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text" className="fixed inset-0 flex items-center justify-center bg-black/40">
      <div className="max-w-md rounded-8 bg-white p-6">
        <h2 id="idle-title" className="mb-2 text-std-20B-150">まもなくサインアウトされます</h2>
        <p id="idle-text" className="mb-4 text-std-16N-170">操作がないため、あと{state.secondsLeft}秒でサインアウトされます。続ける場合は「操作を続ける」を押してください。</p>
        <button ref={button} type="button" className={primaryButton} onClick={() => void api.GET('/api/v1/auth/me')}>操作を続ける</button>
      </div>
    </div>
  );
}
