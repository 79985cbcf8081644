/**
 * Which recorded state each certificate prints, and whom a kind may be issued for. Pure: the service
 * hands in every live version of the persons, oldest first.
 *
 * - 住民票の写し・記載事項証明書: the state on the issue date. A 転出 recorded with a later 転出予定日
 *   is not yet in force, so what it recorded is left out (j1000, last paragraph).
 * - 除票の写し: the state on the issue date, which must be a 除票 (1.1.5, j50): a 転出 is removed on its 転出予定日.
 * - 転出証明書: the latest state, which must be a 国内転出 (4.1.3.0.3, j660); it is issued when the
 *   転出届 is taken, usually before the 転出予定日.
 */
import type { PersonSnapshot } from '../model.ts';
import { error, type Finding } from '../rules/findings.ts';
import type { CertificateKind } from './content.ts';

export interface Selected {
  state: PersonSnapshot;
  history: PersonSnapshot[];
}

const isMoveOut = (p: PersonSnapshot) => p.reason === 'domestic_move_out';

/** Picks each person's printed state; `field` names the request field the persons came from. */
export function selectStates(kind: CertificateKind, versions: readonly PersonSnapshot[][], issuedOn: string, field: string): { selected: Selected[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const selected: Selected[] = [];
  versions.forEach((all, i) => {
    const at = `${field}[${i}]`;
    const inForce = all.filter((v) => v.validFrom <= issuedOn);
    const state = kind === 'move-out' ? all.at(-1) : inForce.at(-1);
    if (!state) {
      findings.push(error(at, 'not-yet-recorded', `${all[0]?.addresseeNo ?? ''} の者は交付日にはまだ記録されていません`));
      return;
    }
    const no = state.addresseeNo;
    if (kind === 'resident' && state.status !== 'resident') {
      findings.push(error(at, 'not-resident', `宛名番号 ${no} の者は住民票が消除されています（除票の写しを請求してください）`));
    }
    if (kind === 'removed' && state.status === 'resident') {
      findings.push(error(at, 'not-removed', `宛名番号 ${no} の者の住民票は消除されていません（除票の写しは消除された者だけです）`));
    }
    if (kind === 'move-out' && !isMoveOut(state)) {
      findings.push(error(at, 'no-move-out', `宛名番号 ${no} の者には国内転出の記録がありません（転出証明書は転出届を受けた者だけです）`));
    }
    // History starts with the latest 改製 (1.1.4, j40): what came before is the 改製原住民票's.
    const upTo = all.indexOf(state);
    const reissuedAt = all.slice(0, upTo + 1).map((v) => v.reason).lastIndexOf('reissue_entry');
    selected.push({ state, history: all.slice(Math.max(reissuedAt, 0), upTo) });
  });
  if (kind === 'entries' && selected.length > 1) {
    const removed = selected.filter((s) => s.state.status !== 'resident').length;
    if (removed > 0 && removed < selected.length) {
      findings.push(error(field, 'mixed-removed', '住民票と除票の記載事項は別々の証明書で請求してください'));
    }
  }
  return { selected, findings };
}
