/**
 * Who certifies (認証者 1.3.9, j310) and the 発行番号 as printed (5.5, j1040). Pure.
 */
import type { SettingRow, TenantRow } from './store.ts';

export interface Authenticator {
  title: string;
  name: string | null;
  deputy: boolean;
}

/**
 * The 職名 with the 都道府県名, also for 指定都市 and 特別区 (5.6, j1050): 「東京都千代田区長」. The
 * 職務代理者 signs inside the period registered for them (j310 自動的に切り替わる); the settings may
 * replace the derived title and add the name.
 */
export function authenticatorOf(tenant: TenantRow, setting: SettingRow | undefined, issuedOn: string): Authenticator {
  const derived = tenant.kind === 'prefecture' ? `${tenant.name}知事` : `${tenant.name.startsWith(tenant.prefecture) ? '' : tenant.prefecture}${tenant.name}長`;
  const s = setting;
  const deputyInForce = !!s?.deputy_name && !!s.deputy_from && s.deputy_from <= issuedOn && (!s.deputy_until || issuedOn <= s.deputy_until);
  if (deputyInForce) return { title: s!.deputy_title ?? `${derived}職務代理者`, name: s!.deputy_name, deputy: true };
  return { title: s?.mayor_title ?? derived, name: s?.mayor_name ?? null, deputy: false };
}

/** 年は日本の暦年、番号は6桁: `2026-000011`. */
export const certificateNo = (year: number, serial: number): string => `${year}-${String(serial).padStart(6, '0')}`;

/**
 * 発行年月日・市区町村名・発行端末名番号・発行プリンタ番号・発行された順に付された番号 (j1040); the renderer
 * adds ページ数／総ページ数. A terminal or printer that cannot be told is left out (空欄可).
 */
export function numberLabel(issuedOn: string, municipality: string, serial: number, terminal?: string, printer?: string): string {
  return [issuedOn.replaceAll('-', ''), municipality, terminal, printer, String(serial).padStart(6, '0')].filter((p) => p).join(' ');
}
