/**
 * 公印管理 (1.3.7, j290) and 認証者 (1.3.9, j310): the 職名・氏名 of the 市区町村長 and of the 職務代理者
 * with the period the deputy signs, their 電子公印 (5.6, j1050) and the fixed wording printed under the
 * seal. One row per 団体; a change is audited as 設定変更.
 */
import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { inTenant } from '../../../platform/db/tenant-scope.ts';
import { audit, refuseOnErrors, type Caller, type Deps } from '../procedure.ts';
import { IsoDateSchema, textSchema } from '../fields.ts';
import { error, type Finding } from '../rules/findings.ts';
import { authenticatorOf } from './authenticator.ts';
import { certificateSetting, tenantOf } from './store.ts';

const name = (label: string) => textSchema(label, 60).nullable().default(null);
/** Base64 of a PNG or JPEG: pdfkit embeds both. 256 KiB is ample for a 25 mm black seal. */
const SealSchema = z.string().max(350_000).nullable().default(null).openapi({ description: '電子公印の画像（PNG又はJPEG、Base64、黒色、印字は25mm角以内）' });

// Strict: every field has a default, so a misspelt one would otherwise quietly reset the settings.
export const CertificateSettingsInputSchema = z
  .strictObject({
    mayorTitle: name('市区町村長の職名').openapi({ description: '省略時は都道府県名＋団体名＋長' }),
    mayorName: name('市区町村長の氏名'),
    deputyTitle: name('職務代理者の職名'),
    deputyName: name('職務代理者の氏名'),
    deputyFrom: IsoDateSchema.nullable().default(null).openapi({ description: '職務代理者が認証する期間（から）' }),
    deputyUntil: IsoDateSchema.nullable().default(null).openapi({ description: '職務代理者が認証する期間（まで）' }),
    sealNote: name('公印の固定文言').openapi({ description: '「この印は黒色です」など（j1050）' }),
    sealImage: SealSchema,
    deputySealImage: SealSchema,
  })
  .openapi('CertificateSettingsInput');
export type CertificateSettingsInput = z.infer<typeof CertificateSettingsInputSchema>;

const PNG = [0x89, 0x50, 0x4e, 0x47];
const JPEG = [0xff, 0xd8, 0xff];
const startsWith = (bytes: Buffer, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function imageOf(field: string, base64: string | null, findings: Finding[]): Buffer | null {
  if (base64 === null) return null;
  const bytes = Buffer.from(base64, 'base64');
  if (!startsWith(bytes, PNG) && !startsWith(bytes, JPEG)) findings.push(error(field, 'image-format', '電子公印はPNG又はJPEGの画像をBase64で指定してください'));
  else if (bytes.length > 256 * 1024) findings.push(error(field, 'image-size', '電子公印の画像は256KiB以内にしてください'));
  return bytes;
}

export interface CertificateSettingsView {
  mayorTitle: string | null;
  mayorName: string | null;
  deputyTitle: string | null;
  deputyName: string | null;
  deputyFrom: string | null;
  deputyUntil: string | null;
  sealNote: string | null;
  hasSealImage: boolean;
  hasDeputySealImage: boolean;
  /** Who signs a certificate issued today, as printed. */
  signsToday: { title: string; name: string | null; deputy: boolean };
}

export async function getCertificateSettings(deps: Deps, caller: Caller, today: string): Promise<CertificateSettingsView> {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const s = await certificateSetting(trx);
    return {
      mayorTitle: s?.mayor_title ?? null, mayorName: s?.mayor_name ?? null, deputyTitle: s?.deputy_title ?? null, deputyName: s?.deputy_name ?? null,
      deputyFrom: s?.deputy_from ?? null, deputyUntil: s?.deputy_until ?? null, sealNote: s?.seal_note ?? null,
      hasSealImage: !!s?.seal_image, hasDeputySealImage: !!s?.deputy_seal_image, signsToday: authenticatorOf(await tenantOf(trx), s, today),
    };
  });
}

/** Replaces the 団体's settings as a whole (what is not given is cleared). */
export async function putCertificateSettings(deps: Deps, caller: Caller, input: CertificateSettingsInput, today: string): Promise<CertificateSettingsView> {
  const findings: Finding[] = [];
  if (input.deputyFrom && input.deputyUntil && input.deputyFrom > input.deputyUntil) findings.push(error('deputyUntil', 'date-order', '職務代理者の期間は開始日から終了日の順に指定してください'));
  if (input.deputyName && !input.deputyFrom) findings.push(error('deputyFrom', 'required', '職務代理者が認証する期間の開始日を入力してください（j310）'));
  const seal = imageOf('sealImage', input.sealImage, findings);
  const deputySeal = imageOf('deputySealImage', input.deputySealImage, findings);
  refuseOnErrors(findings);
  await inTenant(deps.db, caller.tenantCode, async (trx) => {
    const v = [input.mayorTitle, input.mayorName, input.deputyTitle, input.deputyName, input.deputyFrom, input.deputyUntil, input.sealNote, seal, deputySeal];
    await sql`INSERT INTO certificate_setting (tenant_code, mayor_title, mayor_name, deputy_title, deputy_name, deputy_from, deputy_until, seal_note, seal_image, deputy_seal_image)
      VALUES (current_tenant(), ${sql.join(v)})
      ON CONFLICT (tenant_code) DO UPDATE SET mayor_title = EXCLUDED.mayor_title, mayor_name = EXCLUDED.mayor_name, deputy_title = EXCLUDED.deputy_title,
        deputy_name = EXCLUDED.deputy_name, deputy_from = EXCLUDED.deputy_from, deputy_until = EXCLUDED.deputy_until, seal_note = EXCLUDED.seal_note,
        seal_image = EXCLUDED.seal_image, deputy_seal_image = EXCLUDED.deputy_seal_image, updated_at = now()`.execute(trx);
    await audit(trx, caller, { function: 'put-certificate-settings', category: 'setting', targets: [{ kind: 'certificate-setting', id: caller.tenantCode }] });
  });
  return getCertificateSettings(deps, caller, today);
}
