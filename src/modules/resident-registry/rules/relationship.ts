/**
 * 続柄 (relationship to the 世帯主), 住民記録システム標準仕様書 1.1.11 (j110). Only these may be
 * recorded: ① 世帯主; ② 夫, 妻, 夫（未届）, 妻（未届）, 子, 父, 母, 兄, 姉, 弟, 妹 (the spec also names
 * 子の夫 and 子の妻, which ③ already yields); ③ ② joined by 「の」 up to four generations, a
 * generation being one joined term counted mechanically (子の子の子の子 is four); ④ 縁故者; ⑤ 同居人.
 * Five generations or more must be recorded as 縁故者. The standard forbids anything else, naming
 * 祖父, 祖母, おじ, おば, 甥, 姪, 孫, 家事使用人 and 準世帯主 (【実装しない機能】).
 */
import { fail, normalizeText, ok } from '../../../jp/index.ts';
import type { Result } from '../../../jp/index.ts';

export const RELATIONSHIP_TERMS = ['夫', '妻', '夫（未届）', '妻（未届）', '子', '父', '母', '兄', '姉', '弟', '妹'] as const;
export type RelationshipTerm = (typeof RELATIONSHIP_TERMS)[number];

export const HOUSEHOLD_HEAD = '世帯主';
export const DISTANT_RELATIVE = '縁故者';
export const COHABITANT = '同居人';
export const MAX_GENERATIONS = 4;

export type Relationship =
  | { kind: 'head'; text: typeof HOUSEHOLD_HEAD }
  | { kind: 'relative'; text: string; chain: RelationshipTerm[] }
  | { kind: 'distant-relative'; text: typeof DISTANT_RELATIVE }
  | { kind: 'cohabitant'; text: typeof COHABITANT };

const SOURCE = '住民記録システム標準仕様書 1.1.11 続柄';
const TERMS = new Set<string>(RELATIONSHIP_TERMS);
const STANDALONE = new Set<string>([HOUSEHOLD_HEAD, DISTANT_RELATIVE, COHABITANT]);

const UNCLE = '「父の兄」「父の弟」「母の兄」「母の弟」のいずれか';
const AUNT = '「父の姉」「父の妹」「母の姉」「母の妹」のいずれか';
const NEPHEW = '「兄の子」「姉の子」「弟の子」「妹の子」のいずれか';

/**
 * Words staff commonly type that the standard does not allow, with what to record instead: the
 * forbidden examples of j110, the 長男・長女 style that 住民票 dropped for 「子」, and plain-language
 * words for the chains.
 */
const INSTEAD: Record<string, string> = {
  孫: '「子の子」',
  祖父: '「父の父」または「母の父」',
  祖母: '「父の母」または「母の母」',
  おじ: UNCLE,
  叔父: UNCLE,
  伯父: UNCLE,
  おば: AUNT,
  叔母: AUNT,
  伯母: AUNT,
  甥: NEPHEW,
  姪: NEPHEW,
  家事使用人: '「同居人」',
  準世帯主: '世帯主との続柄（例: 「妻」「子」）',
  本人: '「世帯主」',
  配偶者: '「夫」または「妻」',
  内縁の夫: '「夫（未届）」',
  内縁の妻: '「妻（未届）」',
  養子: '「子」',
  養女: '「子」',
  長男: '「子」',
  長女: '「子」',
  次男: '「子」',
  二男: '「子」',
  次女: '「子」',
  二女: '「子」',
  三男: '「子」',
  三女: '「子」',
  義父: '「妻の父」または「夫の父」',
  義母: '「妻の母」または「夫の母」',
  嫁: '「子の妻」',
  婿: '「子の夫」',
};

/** Spaces removed and parentheses made full-width, so (未届) and （未届） are the same term. */
export function normalizeRelationship(input: string): string {
  return normalizeText(input).replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

function notAllowed(word: string, whole: string): Result<never> {
  const where = word === whole ? '' : `（「${whole}」の一部）`;
  return fail(
    'relationship.not-allowed',
    `「${word}」${where}は続柄として記録できません。${INSTEAD[word]}と記録してください（${SOURCE}）`,
  );
}

/** Parses and checks a 続柄 as entered; the value to store is `text` of the result. */
export function parseRelationship(input: string): Result<Relationship> {
  const text = normalizeRelationship(input);
  if (text === '') return fail('relationship.required', `続柄が入力されていません（${SOURCE}）`);
  if (text === HOUSEHOLD_HEAD) return ok({ kind: 'head', text });
  if (text === DISTANT_RELATIVE) return ok({ kind: 'distant-relative', text });
  if (text === COHABITANT) return ok({ kind: 'cohabitant', text });
  if (Object.hasOwn(INSTEAD, text)) return notAllowed(text, text);

  const parts = text.split('の');
  if (parts.some((p) => p === '')) {
    return fail('relationship.malformed', `続柄「${text}」の「の」の前後に続柄の語がありません（${SOURCE}）`);
  }
  for (const part of parts) {
    if (STANDALONE.has(part)) {
      return fail('relationship.standalone-in-chain', `「${part}」は「の」でつなげられません。単独で記録してください（${SOURCE}）`);
    }
    if (Object.hasOwn(INSTEAD, part)) return notAllowed(part, text);
    if (!TERMS.has(part)) {
      return fail(
        'relationship.unknown-term',
        `「${part}」は続柄として定められた語ではありません。使用できる語は 世帯主・${RELATIONSHIP_TERMS.join('・')}・縁故者・同居人 です（${SOURCE}）`,
      );
    }
  }
  if (parts.length > MAX_GENERATIONS) {
    return fail(
      'relationship.too-many-generations',
      `続柄「${text}」は${parts.length}世代です。「の」でつなげられるのは${MAX_GENERATIONS}世代までで、5世代以上となる場合は「縁故者」と記録してください（${SOURCE}）`,
    );
  }
  return ok({ kind: 'relative', text, chain: parts as RelationshipTerm[] });
}

export const isValidRelationship = (input: string): boolean => parseRelationship(input).ok;

export const formatRelationship = (chain: readonly RelationshipTerm[]): string => chain.join('の');
