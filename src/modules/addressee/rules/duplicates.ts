/**
 * Duplicate detection before a new 宛名番号 is issued (issue 6, 宛名管理): one person or corporation
 * must have one addressee record, or its letters and its debts split in two.
 *
 * - Person: the same name, birth date and address (compared as the resident registry compares them:
 *   width, kana script, spaces and dash look-alikes do not matter) is the same person: refused, naming the existing 宛名番号. The same
 *   name and birth date elsewhere may be the same person after a move: an アラート the operator
 *   confirms (`confirmPossibleDuplicate`). The same 個人番号 is always the same person.
 * - Corporation: the same 法人番号 is the same corporation (refused); the same name at the same
 *   address without one is an アラート (人格のない社団等 have no 法人番号).
 */
import { alert, error, foldForComparison, type Finding } from '../../resident-registry/index.ts';

export interface PersonCandidate {
  name: string;
  birthDate: string;
  address: string;
}

export interface RecordedPerson extends PersonCandidate {
  addresseeNo: string;
}

const same = (a: string, b: string) => foldForComparison(a) === foldForComparison(b);

export function personDuplicateFindings(candidate: PersonCandidate, recorded: readonly RecordedPerson[], confirmed: boolean): Finding[] {
  const findings: Finding[] = [];
  for (const r of recorded) {
    if (!same(r.name, candidate.name) || r.birthDate !== candidate.birthDate) continue;
    if (same(r.address, candidate.address)) {
      findings.push(error('name', 'duplicate.person', `氏名・生年月日・住所が同じ宛名が既に登録されています（宛名番号 ${r.addresseeNo}）。その宛名を使用してください`));
    } else if (!confirmed) {
      findings.push(error('confirmPossibleDuplicate', 'duplicate.possible', `氏名・生年月日が同じ宛名があります（宛名番号 ${r.addresseeNo}）。別人であることを確認したうえで confirmPossibleDuplicate を指定してください`));
    } else {
      findings.push(alert('name', 'duplicate.possible', `氏名・生年月日が同じ宛名があります（宛名番号 ${r.addresseeNo}）。別人として登録しました`));
    }
  }
  return findings;
}

export interface CorporationCandidate {
  name: string;
  corporateNumber: string | null;
  address: string;
}

export interface RecordedCorporation extends CorporationCandidate {
  addresseeNo: string;
}

export function corporationDuplicateFindings(candidate: CorporationCandidate, recorded: readonly RecordedCorporation[], confirmed: boolean): Finding[] {
  const findings: Finding[] = [];
  for (const r of recorded) {
    if (candidate.corporateNumber !== null && r.corporateNumber === candidate.corporateNumber) {
      findings.push(error('corporateNumber', 'duplicate.corporate-number', `法人番号が同じ宛名が既に登録されています（宛名番号 ${r.addresseeNo}）`));
    } else if (same(r.name, candidate.name) && same(r.address, candidate.address) && (candidate.corporateNumber === null || r.corporateNumber === null)) {
      if (!confirmed) {
        findings.push(error('confirmPossibleDuplicate', 'duplicate.possible', `名称・所在地が同じ宛名があります（宛名番号 ${r.addresseeNo}）。別の法人であることを確認したうえで confirmPossibleDuplicate を指定してください`));
      } else {
        findings.push(alert('name', 'duplicate.possible', `名称・所在地が同じ宛名があります（宛名番号 ${r.addresseeNo}）。別の法人として登録しました`));
      }
    }
  }
  return findings;
}
