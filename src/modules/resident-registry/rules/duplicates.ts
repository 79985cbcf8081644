/**
 * The same person recorded twice.
 *
 * - Duplicate entry: a new person (転入, 出生, 職権記載) whose name, birth date and 転入前住所 match
 *   a person already on the registry. Names match when the kanji names are equal, or the フリガナ are,
 *   after width, script and spacing are folded (src/jp `toSearchKey` with the fuzzy foldings off: a
 *   refusal must not rest on ハ = バ). Addresses are folded the same way, so 「１丁目２番」 and
 *   「1丁目2番」 or a missing space do not hide a duplicate.
 * - 再転入者 (4.1.1.2, j600): a 転入 matching a 除票 of this municipality by 個人番号 (its lookup
 *   key), 住民票コード or 在留カード番号 must be processed as 再転入 (new entry is blocked), keeping the
 *   old 宛名番号; a match on the 3情報 (氏名・性別・生年月日) only raises an アラート.
 */
import { toSearchKey } from '../../../jp/index.ts';
import { alert, error } from './findings.ts';
import type { Finding } from './findings.ts';

/** No fuzzy folding: width, hiragana/katakana, upper case, spaces and dash look-alikes only. */
const EXACT = { ignoreVoicing: false, ignoreSmallKana: false, ignoreLongVowel: false, foldOu: false } as const;

export const foldForComparison = (text: string | null | undefined): string => (text ? toSearchKey(text, EXACT) : '');

export interface PersonForComparison {
  /** 氏名 (kanji, or the alphabet name when there is no kanji name). */
  name: string;
  nameKana?: string | null;
  /** YYYY-MM-DD */
  birthDate: string;
  /** 転入前住所; empty for a birth. */
  previousAddress?: string | null;
}

export interface DuplicateKey {
  name: string;
  nameKana: string;
  birthDate: string;
  previousAddress: string;
}

export function duplicateKey(person: PersonForComparison): DuplicateKey {
  return {
    name: foldForComparison(person.name),
    nameKana: foldForComparison(person.nameKana),
    birthDate: person.birthDate,
    previousAddress: foldForComparison(person.previousAddress),
  };
}

export function isSamePerson(a: DuplicateKey, b: DuplicateKey): boolean {
  const sameName = (a.name !== '' && a.name === b.name) || (a.nameKana !== '' && a.nameKana === b.nameKana);
  return sameName && a.birthDate === b.birthDate && a.previousAddress === b.previousAddress;
}

export interface RecordedPerson {
  addresseeNo: string;
  key: DuplicateKey;
}

/** Errors for each recorded person the candidate duplicates. */
export function duplicateFindings(fieldName: string, candidate: PersonForComparison, recorded: readonly RecordedPerson[]): Finding[] {
  const key = duplicateKey(candidate);
  return recorded
    .filter((r) => isSamePerson(key, r.key))
    .map((r) =>
      error(fieldName, 'duplicate.person', `氏名・生年月日・転入前住所が同じ住民が既に記録されています（宛名番号 ${r.addresseeNo}）。二重登録ではないか確認してください`),
    );
}

export interface ReentryIdentity {
  name: string;
  sex: string;
  birthDate: string;
  residentCode?: string | null;
  /** Keyed hash of the 個人番号 (platform my-number `myNumberLookupKey`), never the number. */
  myNumberLookup?: string | null;
  residenceCardNo?: string | null;
}

export interface RemovedRecord extends ReentryIdentity {
  addresseeNo: string;
}

const same = (a: string | null | undefined, b: string | null | undefined): boolean => !!a && a === b;

/** How a 転入 candidate matches a 除票: by an identifier (must be 再転入), by 3情報 (alert), or not. */
export function reentryMatch(candidate: ReentryIdentity, removed: ReentryIdentity): 'identifier' | 'three-items' | null {
  if (same(candidate.myNumberLookup, removed.myNumberLookup) || same(candidate.residentCode, removed.residentCode) || same(candidate.residenceCardNo, removed.residenceCardNo)) {
    return 'identifier';
  }
  const threeItems = foldForComparison(candidate.name) === foldForComparison(removed.name) && candidate.sex === removed.sex && candidate.birthDate === removed.birthDate;
  return threeItems ? 'three-items' : null;
}

export function reentryFindings(fieldName: string, candidate: ReentryIdentity, removed: readonly RemovedRecord[]): Finding[] {
  const findings: Finding[] = [];
  for (const r of removed) {
    const match = reentryMatch(candidate, r);
    if (match === 'identifier') {
      findings.push(
        error(fieldName, 'duplicate.reentry', `除票に個人番号・住民票コード・在留カード番号のいずれかが一致する者がいます（宛名番号 ${r.addresseeNo}）。再転入者として処理してください（4.1.1.2 再転入者）`),
      );
    } else if (match === 'three-items') {
      findings.push(
        alert(fieldName, 'duplicate.reentry-three-items', `除票に氏名・性別・生年月日が一致する者がいます（宛名番号 ${r.addresseeNo}）。再転入者であれば選択してください（4.1.1.2 再転入者）`),
      );
    }
  }
  return findings;
}
