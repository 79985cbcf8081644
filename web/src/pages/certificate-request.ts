/**
 * The pure part of 証明書交付 (CertificateIssue.tsx): which kinds fit the person's status (j1000, j660),
 * the labels of the 省略の指定 items as the server names them (certificates/content.ts), the request body
 * the choices make, and the PDF answer's headers (発行番号, 枚数, 文字溢れ j1070) read back.
 */
import type { components } from '../api/schema';

export type CertificateInput = components['schemas']['IssueCertificateInput'];
export type Kind = CertificateInput['kind'];
export type Item = keyof CertificateInput['items'];
export type RequesterKind = CertificateInput['requester']['kind'];
type Person = Pick<components['schemas']['PersonSnapshot'], 'status' | 'validFrom' | 'reason'>;

export const KIND_LABELS: Record<Kind, string> = {
  resident: '住民票の写し',
  removed: '除票の写し',
  entries: '記載事項証明書',
  'move-out': '転出証明書',
};

/** 省略の指定 (j1000): each item is printed only when checked. */
export const ITEM_LABELS: Record<Item, string> = {
  householdHead: '世帯主・続柄',
  registeredDomicile: '本籍・筆頭者',
  residentCode: '住民票コード',
  myNumber: '個人番号',
  foreignItems: '国籍・地域、法第30条の45に規定する区分、在留資格、在留期間等、在留カード等番号、通称（外国人住民）',
  furigana: 'フリガナ',
};
export const ITEMS = Object.keys(ITEM_LABELS) as Item[];

export const REQUESTER_LABELS: Record<RequesterKind, string> = {
  self: '本人',
  'household-member': '同一世帯の者',
  agent: '代理人',
  'third-party': '第三者（法第12条の3）',
  official: '国又は地方公共団体の機関（法第12条の2）',
};
/** 住民票コード and 個人番号 go to the person and their household only (法12条の2④, 12条の3⑦). */
export const personalOnly = (item: Item, requester: RequesterKind) =>
  (item === 'residentCode' || item === 'myNumber') && (requester === 'third-party' || requester === 'official');
export const needsRequesterName = (r: RequesterKind) => r !== 'self' && r !== 'household-member';

/** Today in Japan (YYYY-MM-DD), the server's issue date. */
export const todayInJapan = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());

/**
 * What may be issued for the person as the registry now records them: a 転出 with a later 転出予定日 is
 * still a resident on the issue date (selection.ts); 転出証明書 only after a 国内転出 was recorded.
 */
export function kindsFor(p: Person, today: string): Kind[] {
  const removed = p.status !== 'resident' && p.validFrom <= today;
  return [removed ? 'removed' : 'resident', 'entries', ...(p.reason === 'domestic_move_out' ? ['move-out' as const] : [])];
}

export interface Choices {
  kind: Kind;
  /** The household's number when the persons are its current members; otherwise the person alone by 宛名番号. */
  householdNo: string | null;
  /** The chosen members' residentIds, or null for 世帯全員. */
  residentIds: string[] | null;
  addresseeNo: string;
  form: CertificateInput['form'];
  withHistory: boolean;
  items: Set<Item>;
  requester: RequesterKind;
  requesterName: string;
  purpose: string;
}

/** 住民票の写し and 記載事項証明書 of current members go by household; 除票・転出証明書 and a removed person by 宛名番号. */
export const byHousehold = (c: Choices) => c.householdNo !== null && (c.kind === 'resident' || c.kind === 'entries');
/** Someone to print: by household, at least one member checked. */
export const hasPersons = (c: Choices) => !byHousehold(c) || c.residentIds?.length !== 0;

export function requestBody(c: Choices): CertificateInput {
  const text = (s: string) => (s.trim() === '' ? undefined : s.trim());
  return {
    kind: c.kind,
    ...(byHousehold(c) ? { householdNo: c.householdNo!, ...(c.residentIds ? { residentIds: c.residentIds } : {}) } : { addresseeNos: [c.addresseeNo] }),
    form: c.form,
    withHistory: c.withHistory,
    withSpecialHistory: false,
    items: Object.fromEntries(ITEMS.map((i) => [i, c.items.has(i) && !personalOnly(i, c.requester)])),
    requester: { kind: c.requester, ...(needsRequesterName(c.requester) && text(c.requesterName) ? { name: text(c.requesterName) } : {}) },
    ...(text(c.purpose) ? { purpose: text(c.purpose) } : {}),
    officialUse: false,
    reissue: false,
  };
}

export interface Issued {
  url: string;
  certificateNo: string;
  pages: number | null;
  alerts: { field: string; rule: string; message: string }[];
}

/** The 発行番号, 枚数 and 文字溢れ alerts the PDF came with (X-Certificate-*). */
export function issuedFrom(blob: Blob, headers: Headers): Issued {
  let alerts: Issued['alerts'] = [];
  try {
    alerts = JSON.parse(decodeURIComponent(headers.get('X-Certificate-Alerts') ?? '[]')) as Issued['alerts'];
  } catch {
    alerts = [];
  }
  const pages = Number(headers.get('X-Certificate-Pages'));
  return { url: URL.createObjectURL(blob), certificateNo: headers.get('X-Certificate-No') ?? '', pages: Number.isFinite(pages) && pages > 0 ? pages : null, alerts };
}
