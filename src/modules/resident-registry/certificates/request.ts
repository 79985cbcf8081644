/**
 * A request for a certificate (証明書の交付請求) and the pure rules on it: what is asked for, who asks,
 * and which optional items the law lets that requester have (5.1, j1000; 住基法12条・12条の2・12条の3).
 */
import { z } from '@hono/zod-openapi';
import { REQUESTER_KIND } from '../data-list-codes.ts';
import { textSchema, UuidSchema } from '../fields.ts';
import { error, type Finding } from '../rules/findings.ts';
import { CERTIFICATE_KINDS, OPTIONAL_ITEM_LABELS, OPTIONAL_ITEMS, type OptionalItem } from './content.ts';

export type RequesterKind = keyof typeof REQUESTER_KIND;

const flag = (item: OptionalItem) => z.boolean().optional().openapi({ description: `${OPTIONAL_ITEM_LABELS[item]}を記載する` });
const ItemsSchema = z
  .object({
    householdHead: flag('householdHead'),
    registeredDomicile: flag('registeredDomicile'),
    residentCode: flag('residentCode'),
    myNumber: flag('myNumber'),
    foreignItems: flag('foreignItems'),
    furigana: flag('furigana'),
  })
  .openapi({ description: '省略の指定（j1000）: 指定した項目だけを記載する' });

const shortText = (label: string, max: number) => textSchema(label, max).optional();

export const IssueCertificateInputSchema = z
  .object({
    kind: z.enum(CERTIFICATE_KINDS).openapi({ description: 'resident: 住民票の写し, removed: 住民票の除票の写し, entries: 記載事項証明書, move-out: 転出証明書' }),
    householdNo: z.string().max(20).optional().openapi({ description: '世帯番号（世帯の全員又は residentIds の者）' }),
    residentIds: z.array(UuidSchema).min(1).max(50).optional().openapi({ description: '世帯の一部の者（省略時は世帯全員）' }),
    addresseeNos: z.array(z.string().max(20)).min(1).max(50).optional().openapi({ description: '宛名番号で対象者を指定（除票・転出証明書はこちら）' }),
    form: z.enum(['household', 'individual']).default('household').openapi({ description: '世帯連記式 (household) 又は個人票 (individual)' }),
    withHistory: z.boolean().default(false).openapi({ description: '履歴を記載する' }),
    withSpecialHistory: z.boolean().default(false)
      .openapi({ description: '特別な事由（特別養子縁組・その解消・性別の変更）の履歴も記載する（j40: 既定では記載しない）' }),
    items: ItemsSchema.default({}),
    requester: z.object({
      kind: z.enum(Object.keys(REQUESTER_KIND) as [RequesterKind, ...RequesterKind[]]),
      name: shortText('請求者', 100).openapi({ description: '請求者（代理人・第三者・機関の名称）' }),
    }),
    purpose: shortText('請求事由', 200),
    officialUse: z.boolean().default(false).openapi({ description: '「公用」と表示する（j1060）' }),
    reissue: z.boolean().default(false).openapi({ description: '転出証明書の再交付（j660）' }),
    terminal: shortText('発行端末', 20).openapi({ description: '発行端末名番号（発行番号に印字、j1040）' }),
    printer: shortText('発行プリンタ', 20).openapi({ description: '発行プリンタ番号（発行番号に印字、j1040）' }),
    location: shortText('交付場所', 60).openapi({ description: '交付場所（j300）' }),
  })
  .openapi('IssueCertificateInput');
export type IssueCertificateInput = z.infer<typeof IssueCertificateInputSchema>;

/** Items a requester may not have: 住民票コード and 個人番号 go to the person and their household only (法12条の2④, 12条の3⑦). */
const PERSONAL_ONLY: readonly OptionalItem[] = ['residentCode', 'myNumber'];

export function requestedItems(input: IssueCertificateInput): Set<OptionalItem> {
  return new Set(OPTIONAL_ITEMS.filter((i) => input.items[i] === true));
}

/** Every problem of the request itself, before anything is read. */
export function requestFindings(input: IssueCertificateInput): Finding[] {
  const findings: Finding[] = [];
  const byHousehold = input.householdNo !== undefined;
  if (byHousehold === (input.addresseeNos !== undefined)) {
    findings.push(error('householdNo', 'one-target', '対象者は世帯番号か宛名番号のどちらか一方で指定してください'));
  }
  if (input.residentIds !== undefined && !byHousehold) findings.push(error('residentIds', 'needs-household', '世帯の一部の指定には世帯番号が必要です'));
  if ((input.kind === 'removed' || input.kind === 'move-out') && byHousehold) {
    findings.push(error('householdNo', 'by-addressee', '除票の写しと転出証明書は宛名番号で対象者を指定してください（現存の世帯員と同じ写しには記載しません、j1000）'));
  }
  if (input.reissue && input.kind !== 'move-out') findings.push(error('reissue', 'move-out-only', '再交付の表示は転出証明書にだけ付けられます（j660）'));
  if (input.requester.kind !== 'self' && input.requester.kind !== 'household-member' && input.requester.name === undefined) {
    findings.push(error('requester.name', 'required', `${REQUESTER_KIND[input.requester.kind]}の請求は請求者を入力してください`));
  }
  if (input.requester.kind === 'third-party' && input.purpose === undefined) {
    findings.push(error('purpose', 'required', '第三者からの請求は請求事由を入力してください（法第12条の3）'));
  }
  const items = requestedItems(input);
  if (input.requester.kind === 'third-party' || input.requester.kind === 'official') {
    for (const item of PERSONAL_ONLY) {
      if (items.has(item)) {
        findings.push(error(`items.${item}`, 'not-permitted-for-requester', `${REQUESTER_KIND[input.requester.kind]}からの請求には${OPTIONAL_ITEM_LABELS[item]}を記載できません`));
      }
    }
  }
  return findings;
}
