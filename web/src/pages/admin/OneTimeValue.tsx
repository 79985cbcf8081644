/**
 * A value the server answers only once — an initial password, a TOTP secret — shown plainly until the
 * administrator closes it. It takes the focus when it appears, so a screen reader reads it at once.
 */
import { useEffect, useRef } from 'react';
import { primaryButton } from '../../ui';

export interface OneTime {
  kind: 'password' | 'totp';
  loginName: string;
  value: string;
  /** totp: the otpauth:// URI an authenticator app can take instead of the secret. */
  uri?: string;
}

const TITLES: Record<OneTime['kind'], string> = { password: '初期パスワード', totp: '二要素認証（認証アプリ）の秘密鍵' };

export function OneTimeValue({ value, onClose }: { value: OneTime; onClose: () => void }) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), [value]);
  return (
    <section ref={panel} tabIndex={-1} aria-labelledby="one-time-title" data-testid="one-time" className="flex flex-col gap-2 rounded-8 border-2 border-blue-900 bg-blue-50 p-4">
      <h2 id="one-time-title" className="text-std-20B-150">{TITLES[value.kind]}（利用者 {value.loginName}）</h2>
      <p className="text-std-16N-170">
        この値は今回一度だけ表示します。閉じると二度と表示できません。
        {value.kind === 'password' ? '利用者本人に確実に伝えてください。最初のサインインで変更が求められます。' : '利用者の認証アプリに登録してください。これまでの登録は使えなくなりました。'}
      </p>
      <p className="select-all break-all rounded-8 bg-white px-3 py-2 text-mono-17B-150" data-testid="one-time-value">{value.value}</p>
      {value.uri && <p className="break-all text-std-16N-170">登録用URI: <span className="select-all text-mono-14N-150">{value.uri}</span></p>}
      <div><button type="button" className={primaryButton} onClick={onClose}>控えました（閉じる）</button></div>
    </section>
  );
}
