import { inPlatform } from '../platform/db/tenant-scope.ts';
import { ConflictError, ValidationError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { listMunicipalities, listProcedures, saveProcedure, stepsInUse, switchTenant } from './store.ts';
import type { AuditIn } from './service.ts';
import type { Phase } from './rules/progress.ts';
import { PHASES } from './rules/progress.ts';

export interface ProcedureInput {
  title: string;
  source: string;
  steps: { stepNo: number; phase: Phase; name: string; workItem?: number | null | undefined }[];
}

/**
 * 手順書の読込み: a version of the migration procedure, as data. Loading an existing version renames or
 * adds steps; a step on which progress is recorded cannot be removed (the figures would change under the
 * 団体's feet). Steps run through the phases in order: a later phase's step never has a smaller number.
 */
export async function loadProcedure(db: Database, version: string, input: ProcedureInput, audit: AuditIn): Promise<void> {
  const problems = [];
  const numbers = input.steps.map((s) => s.stepNo);
  for (const [i, s] of input.steps.entries()) {
    if (numbers.indexOf(s.stepNo) !== i) problems.push({ field: `body.steps.${i}.stepNo`, rule: 'duplicate', message: `ステップ ${s.stepNo} が2回あります` });
    const earlier = input.steps.filter((p) => p.stepNo < s.stepNo && PHASES.indexOf(p.phase) > PHASES.indexOf(s.phase));
    if (earlier.length > 0) problems.push({ field: `body.steps.${i}.phase`, rule: 'order', message: `ステップ ${s.stepNo} のフェーズが、番号の小さいステップ ${earlier[0]!.stepNo} のフェーズより前です` });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  await inPlatform(db, async (trx) => {
    const removed = (await stepsInUse(trx, version)).filter((n) => !numbers.includes(n));
    if (removed.length > 0) throw new ConflictError(`手順書 ${version} のステップ ${removed.join('、')} には進捗が記録されているため削除できません`, 'step-in-use');
    await saveProcedure(trx, version, { title: input.title, source: input.source, steps: input.steps.map((s) => ({ ...s, workItem: s.workItem ?? null })) });
    // The 団体 that follow this version see its steps change: each one's chain records it.
    for (const m of (await listMunicipalities(trx)).filter((x) => x.procedureVersion === version)) {
      await switchTenant(trx, m.tenantCode);
      await audit(trx, 'operator.load-procedure', [{ kind: 'migration-procedure', id: version }]);
    }
  });
}

export const procedures = (db: Database) => inPlatform(db, listProcedures);
