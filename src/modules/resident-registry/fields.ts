/**
 * zod schemas of single fields, shared by the records and the procedure inputs in model.ts. Checks
 * come from src/jp (dates, characters, フリガナ, check digits) and this module's rules (続柄); each
 * failing check carries its rule name in the issue's `params.rule`, next to a Japanese message.
 *
 * Maximum lengths are this module's guard against abuse, not the standard's (which gives none for
 * names and addresses); they are generous enough for any real 住民票.
 */
import { z } from '@hono/zod-openapi';
import { characterLength, localGovernmentCode, parseDateInput, myNumber, validateFurigana, validateText } from '../../jp/index.ts';
import { parseRelationship } from './rules/relationship.ts';

// Custom checks report as zod's `custom` issue; the rule name rides in params for the problem's `rule`.
const rule = (name: string, message: string) => ({ error: message, params: { rule: name } });

/**
 * A date as staff type it — 西暦 (2026-04-01, 2026/4/1) or 和暦 (令和8年4月1日, R8.4.1, 5080401) — checked to
 * exist by src/jp and stored as YYYY-MM-DD. A date that does not exist is refused with src/jp's reason
 * (e.g. 「令和元年4月30日は存在しません（令和は5月1日から）」) and its rule.
 */
export const IsoDateSchema = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const parsed = parseDateInput(value);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.message, params: { rule: parsed.code } });
    return z.NEVER;
  })
  .openapi({ format: 'date', example: '2026-04-01', description: 'YYYY-MM-DD、または和暦（令和8年4月1日、R8.4.1 など）' });

/**
 * How a date that is not an exact calendar day was recorded (1.1.8 年月日の管理, j80): 不詳日
 * such as 「令和元年頃」 or 「年月日不詳」, or a day the calendar lacks (平成11年2月29日). The date
 * field beside it keeps a calendar date for computation, as j80 asks (内部的には日付を保有).
 */
export const DateNotationSchema = z
  .string()
  .min(1)
  .max(40)
  .openapi({ description: '不詳日・暦上日以外の年月日の表記（1.1.8）', example: '昭和20年頃' });

export const UuidSchema = z.uuid();

interface TextOptions {
  allowNewline?: boolean;
  /** Names: no emoji or other pictographs, which are no 行政事務標準文字. */
  name?: boolean;
}

/** Text as stored: src/jp validateText (no control characters, broken surrogates …), not blank, ≤ max. */
export function textSchema(label: string, maxLength: number, options: TextOptions = {}) {
  return z.string().superRefine((value, ctx) => {
    // Far longer than any text of `maxLength` characters can be (a character is a few UTF-16 units at
    // most): refused before the character-by-character checks, which take microseconds a character.
    if (value.length > maxLength * 16) {
      ctx.addIssue({ code: 'custom', message: `${label}は${maxLength}文字以内で入力してください`, params: { rule: 'text.too-long' } });
      return;
    }
    const checked = validateText(value, { allowNewline: options.allowNewline });
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: `${label}: ${checked.message}`, params: { rule: checked.code } });
      return;
    }
    if (value.trim() === '') ctx.addIssue({ code: 'custom', message: `${label}が空白です`, params: { rule: 'text.blank' } });
    if (characterLength(value) > maxLength) {
      ctx.addIssue({ code: 'custom', message: `${label}は${maxLength}文字以内で入力してください`, params: { rule: 'text.too-long' } });
    }
    if (options.name && /\p{Extended_Pictographic}/u.test(value)) {
      ctx.addIssue({ code: 'custom', message: `${label}に絵文字・記号は使用できません`, params: { rule: 'characters.pictographic' } });
    }
  });
}

export const nameSchema = (label: string) => textSchema(label, 100, { name: true });

/** フリガナ in katakana (1.1.18, j180); hiragana and half-width are accepted and normalised on write. */
export function furiganaSchema(label: string, options: { allowMiddleDot?: boolean } = {}) {
  return z.string().superRefine((value, ctx) => {
    const checked = validateFurigana(value, { maxLength: 100, allowMiddleDot: options.allowMiddleDot });
    if (!checked.ok) ctx.addIssue({ code: 'custom', message: `${label}: ${checked.message}`, params: { rule: checked.code } });
  });
}

export const AddressTextSchema = textSchema('住所', 200);

export const PostalCodeSchema = z
  .string()
  .regex(/^[0-9]{7}$/, { error: '郵便番号はハイフンなしの7桁の数字で入力してください' })
  .openapi({ example: '1000001' });

/** 全国地方公共団体コード, e.g. where an 通称 was recorded (j20). */
export const MunicipalityCodeSchema = z
  .string()
  .refine(localGovernmentCode.isValid, rule('check-digit', '市区町村コードは検査数字を含む6桁の全国地方公共団体コードで入力してください'))
  .openapi({ example: '131016' });

/** 住民票コード: 11 digits; the check-digit formula is unconfirmed (STANDARDS §6), so only the form. */
export const ResidentCodeSchema = z
  .string()
  .regex(/^[0-9]{11}$/, { error: '住民票コードは11桁の数字で入力してください' })
  .openapi({ description: '住民票コード（11桁）' });

/** 個人番号 as entered; the message never repeats the number. */
export const MyNumberSchema = z
  .string()
  .regex(/^[0-9]{12}$/, { error: '個人番号は12桁の数字で入力してください' })
  .refine((v) => !/^[0-9]{12}$/.test(v) || myNumber.isValid(v), rule('check-digit', '個人番号の検査数字が正しくありません'))
  .openapi({ description: '個人番号（12桁）。個人番号利用事務系でのみ扱う' });

/** 在留カード・特別永住者証明書の番号: 英字2桁 + 数字8桁 + 英字2桁. */
export const ResidenceCardNoSchema = z
  .string()
  .regex(/^[A-Z]{2}[0-9]{8}[A-Z]{2}$/, { error: '在留カード等の番号は英字2桁・数字8桁・英字2桁（例: AB12345678CD）で入力してください' })
  .openapi({ example: 'AB12345678CD' });

export const RelationshipSchema = z
  .string()
  .superRefine((value, ctx) => {
    const parsed = parseRelationship(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message, params: { rule: parsed.code } });
  })
  .openapi({ description: '世帯主との続柄（1.1.11）', example: '子の子' });

/** 住所 (with 方書), 転入前住所, 転出先住所: the text as on the 住民票, and its codes. */
export const AddressSchema = z
  .object({
    text: AddressTextSchema.openapi({ description: '住所（国外の場合は国名・地域名を含む）', example: '東京都千代田区千代田1番1号' }),
    supplement: textSchema('方書', 100).optional().openapi({ description: '方書' }),
    code: z.string().max(30).optional().openapi({ description: '住所コード' }),
    postalCode: PostalCodeSchema.optional(),
    abroad: z.boolean().default(false).openapi({ description: '国外の住所' }),
  })
  .openapi('Address');

export const RemarkSchema = textSchema('留意事項', 1000, { allowNewline: true });
