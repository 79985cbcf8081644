/**
 * The code tables of 住民基本台帳 (value → 名称): those of the standard's items (性別, 住民種別, 住民状態,
 * 区分, 異動事由, 異動の根拠, 特別な事由) and those of this module's own tables (採番, 世帯の状態, 交付履歴,
 * 支援措置, 仮登録). Each mirrors a CHECK … IN list or DOMAIN of migrations/*.sql; data-list.ts re-exports
 * them and data-list-records.ts declares the items that use them.
 */
import { COHABITANT, DISTANT_RELATIVE, HOUSEHOLD_HEAD, RELATIONSHIP_TERMS } from './rules/relationship.ts';

export const SEX = { '1': '男', '2': '女' } as const;

export const RESIDENT_KIND = { japanese: '日本人住民', foreign: '外国人住民' } as const;

/** 住民状態 (j10): 住民, and for a 除票 転出・死亡・消除. */
export const RESIDENT_STATUS = { resident: '住民', moved_out: '転出', deceased: '死亡', removed: '消除' } as const;

/** 法第30条の45の表の区分 (j20). */
export const FOREIGN_RESIDENT_CATEGORY = {
  mid_long_term: '中長期在留者',
  special_permanent: '特別永住者',
  temporary_refuge: '一時庇護許可者',
  provisional_stay: '仮滞在許可者',
  transitional_birth: '出生による経過滞在者',
  transitional_nationality_loss: '国籍喪失による経過滞在者',
} as const;

type ChangeCategory = 'entry' | 'removal' | 'correction';

/**
 * 異動事由 (1.2.2, j210). The standard lists the categories and lets the system choose its codes,
 * as long as it maps them; these are the codes, each with its category (記載・消除・修正).
 * 転居取消 is deliberately absent (【実装しない機能】): a cancellation is 異動の取消し.
 */
export const CHANGE_REASONS = {
  domestic_move_in: { name: '国内転入', category: 'entry' },
  move_in_from_abroad: { name: '国外転入等', category: 'entry' },
  birth: { name: '出生', category: 'entry' },
  ex_officio_entry_naturalization: { name: '職権記載（帰化等）', category: 'entry' },
  ex_officio_entry_nationality_loss: { name: '職権記載（国籍喪失）', category: 'entry' },
  ex_officio_entry: { name: '職権記載', category: 'entry' },
  reissue_entry: { name: '改製', category: 'entry' },
  remake_entry: { name: '再製', category: 'entry' },
  cancellation_increase: { name: '異動の取消し（増）', category: 'entry' },
  domestic_move_out: { name: '国内転出', category: 'removal' },
  move_out_abroad: { name: '国外転出', category: 'removal' },
  death: { name: '死亡', category: 'removal' },
  ex_officio_removal_naturalization: { name: '職権消除（帰化等）', category: 'removal' },
  ex_officio_removal_nationality_loss: { name: '職権消除（国籍喪失）', category: 'removal' },
  ex_officio_removal: { name: '職権消除', category: 'removal' },
  reissue_removal: { name: '改製', category: 'removal' },
  remake_removal: { name: '再製', category: 'removal' },
  cancellation_decrease: { name: '異動の取消し（減）', category: 'removal' },
  move_within: { name: '転居', category: 'correction' },
  minor_correction: { name: '軽微な修正', category: 'correction' },
  ex_officio_correction: { name: '職権修正', category: 'correction' },
  clerical_correction: { name: '誤記修正', category: 'correction' },
  my_number_change_request: { name: '個人番号の変更請求', category: 'correction' },
  my_number_ex_officio_correction: { name: '個人番号の職権修正', category: 'correction' },
  my_number_ex_officio_entry: { name: '個人番号の職権記載', category: 'correction' },
  resident_code_change_request: { name: '住民票コードの変更請求', category: 'correction' },
  resident_code_ex_officio_entry: { name: '住民票コードの職権記載', category: 'correction' },
  household_separation: { name: '世帯分離', category: 'correction' },
  household_merger: { name: '世帯合併', category: 'correction' },
  household_change: { name: '世帯変更', category: 'correction' },
  household_head_change: { name: '世帯主変更', category: 'correction' },
  former_surname_entry: { name: '旧氏の記載', category: 'correction' },
  former_surname_change: { name: '旧氏の変更', category: 'correction' },
  former_surname_deletion: { name: '旧氏の削除', category: 'correction' },
  alias_entry: { name: '通称の記載', category: 'correction' },
  alias_deletion: { name: '通称の削除', category: 'correction' },
  cancellation_correction: { name: '異動の取消し（修正）', category: 'correction' },
} as const satisfies Record<string, { name: string; category: ChangeCategory }>;

export type ChangeReason = keyof typeof CHANGE_REASONS;

/** 特別な事由 (1.1.4 j40): their history lines are left off certificates unless asked for. */
export const SPECIAL_REASONS = { special_adoption: '特別養子縁組', special_adoption_dissolution: '特別養子縁組の解消', gender_change: '性別の変更' } as const;

/** What a 異動 rests on: 届出, 職権, 申出 (4.2.0.5), 戸籍届出・通知 (4.2.0.4) or 請求 (旧氏). */
export const CHANGE_BASIS = {
  notification: '届出',
  ex_officio: '職権',
  request: '申出',
  family_register_notice: '戸籍届出・通知',
  claim: '請求',
} as const;

/** 続柄 base terms (1.1.11 ①②④⑤); ② may be joined by 「の」 up to four generations. */
export const RELATIONSHIP_BASE_TERMS: Record<string, string> = Object.fromEntries(
  [HOUSEHOLD_HEAD, ...RELATIONSHIP_TERMS, DISTANT_RELATIVE, COHABITANT].map((t) => [t, t]),
);

/** A code table of names, from one whose values may carry more than the name (CHANGE_REASONS). */
export const names = (table: Record<string, string | { name: string }>): Record<string, string> =>
  Object.fromEntries(Object.entries(table).map(([code, v]) => [code, typeof v === 'string' ? v : v.name]));

/** 消除事由 (1.1.5, j50): the 異動事由 of the 消除 category. */
export const REMOVAL_REASONS = names(Object.fromEntries(Object.entries(CHANGE_REASONS).filter(([, r]) => r.category === 'removal')));

// ---- This module's own tables (no standard code: the names say what the value means) ----

/** resident_numbering.series (rules/numbering.ts SERIES_NAME). */
export const NUMBERING_SERIES = { addressee: '宛名番号', household: '世帯番号' } as const;

/** household_version.status: a dissolved household has no 世帯主 and no members. */
export const HOUSEHOLD_STATUS = { active: '存続', dissolved: '消滅' } as const;

/** certificate_issuance.kind (certificates/content.ts CERTIFICATE_KINDS). */
export const CERTIFICATE_KIND = { resident: '住民票の写し', removed: '住民票の除票の写し', entries: '住民票記載事項証明書', 'move-out': '転出証明書' } as const;

/** certificate_issuance.form. */
export const CERTIFICATE_FORM = { household: '世帯連記式', individual: '個人票' } as const;

/**
 * certificate_issuance.requester_kind: who may request a certificate (certificates/request.ts takes its
 * requester kinds from here). Kept here, not in request.ts, because request.ts imports data-list.ts (through
 * certificates/content.ts): this file importing request.ts would make a cycle.
 */
export const REQUESTER_KIND = {
  self: '本人',
  'household-member': '同一世帯の者',
  agent: '代理人',
  'third-party': '第三者（法第12条の3）',
  official: '国又は地方公共団体の機関（法第12条の2）',
} as const;

/** resident_protection.kind (j440). */
export const PROTECTION_KIND = { support: '支援措置', provisional: '仮支援措置' } as const;

/** resident_protection.role (j160). */
export const PROTECTION_ROLE = { applicant: '申出者', accompanying: '併せて支援を求める者' } as const;

/** 抑止レベル per process (j410); empty: 抑止なし. */
export const PROTECTION_LEVEL = { error: 'エラー（処理不可）', alert: 'アラート（処理可）' } as const;

/** resident_protection.end_reason. */
export const PROTECTION_END_REASON = {
  request: '支援対象者の申出',
  expired: '期間経過（延長なし）',
  not_needed: '必要性の消滅',
  superseded: '支援措置の開始による仮支援措置の終了',
} as const;

/** resident_protection_history.action. */
export const PROTECTION_ACTION = { registered: '登録', extended: '延長', ended: '終了' } as const;

/** resident_protection_release.process: the 抑止 released (j410). */
export const PROTECTION_PROCESS = { inquiry: '照会', issue: '証明書の交付・閲覧', change: '異動' } as const;

/** resident_change_draft.status (j530). */
export const DRAFT_STATUS = { pending: '仮登録', approved: '本登録済み', withdrawn: '取下げ' } as const;
