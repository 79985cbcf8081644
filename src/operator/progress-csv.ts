/**
 * 進捗のCSV: one line per 団体, business and step, so the figures can be reported (the national PMO tool
 * takes statuses per business and step) and so progress kept elsewhere can be loaded. UTF-8, CRLF, a
 * header line; the names are for the reader, the codes decide. Import checks every line of every 団体
 * first and writes all or nothing.
 */
import { CsvError, CsvReader, csvLine } from '../interop/csv.ts';
import { todayInJapan } from '../jp/index.ts';
import { inPlatform } from '../platform/db/tenant-scope.ts';
import { ValidationError, type FieldProblem } from '../platform/errors.ts';
import { listTenants } from '../platform/tenancy/tenant.ts';
import { BLOCKER_CAUSE_TITLES, BUSINESS_TITLES } from './businesses.ts';
import { ProgressRowSchema, type ProgressRowInput } from './model.ts';
import { isDelayed, PHASE_TITLES, STEP_STATUS_TITLES } from './rules/progress.ts';
import { checkProgress, type AuditIn, type OperatorDeps } from './service.ts';
import { listMunicipalities, listProgress, listSteps, progressIndex, switchTenant } from './store.ts';

export const PROGRESS_CSV_HEADER = ['団体コード', '団体名', '業務', '業務名', '手順書の版', 'ステップ', 'フェーズ', '作業名', '状態', '状態名', '予定開始日', '予定終了日', '実績開始日', '実績終了日', '遅延', '課題区分', '課題'];

/** Every step of every business of every onboarded 団体 (a step with no record is 未着手). */
export async function exportProgressCsv(deps: OperatorDeps): Promise<string> {
  const today = todayInJapan();
  const [list, tenants, steps, progress] = await inPlatform(deps.db, (trx) => Promise.all([listMunicipalities(trx), listTenants(trx), listSteps(trx), listProgress(trx)]));
  const names = new Map(tenants.map((t) => [t.tenantCode, t.name]));
  const recorded = progressIndex(progress);
  let out = csvLine(PROGRESS_CSV_HEADER);
  for (const m of list) {
    for (const business of m.businesses) {
      for (const s of steps.filter((x) => x.version === m.procedureVersion)) {
        const p = recorded(m.tenantCode, business, s.stepNo);
        const row = { stepNo: s.stepNo, phase: s.phase, status: p?.status ?? 'not_started', plannedStart: p?.plannedStart ?? null, plannedEnd: p?.plannedEnd ?? null, actualStart: p?.actualStart ?? null, actualEnd: p?.actualEnd ?? null } as const;
        out += csvLine([
          m.tenantCode, names.get(m.tenantCode) ?? '', business, BUSINESS_TITLES[business] ?? business, m.procedureVersion, String(s.stepNo), PHASE_TITLES[s.phase], s.name,
          row.status, STEP_STATUS_TITLES[row.status], row.plannedStart, row.plannedEnd, row.actualStart, row.actualEnd, isDelayed(row, today) ? '遅延' : null,
          p?.blockerCause ?? null, p?.blocker ?? (p?.blockerCause ? BLOCKER_CAUSE_TITLES[p.blockerCause] : null),
        ]);
      }
    }
  }
  return out;
}

const column = (name: string) => PROGRESS_CSV_HEADER.indexOf(name);

/** Reads the CSV (the export's layout) and records it per 団体; returns the number of lines recorded. */
export async function importProgressCsv(deps: OperatorDeps, text: string, by: string, audit: AuditIn): Promise<number> {
  const reader = new CsvReader();
  const records = [];
  try {
    records.push(...reader.push(text.replace(/^\uFEFF/, '')), ...reader.end());
  } catch (error) {
    if (error instanceof CsvError) throw new ValidationError([{ field: `line.${error.line}`, rule: 'csv', message: `${error.line}行目: ${error.message}` }]);
    throw error;
  }
  const [header, ...lines] = records;
  if (!header || header.fields.join(',') !== PROGRESS_CSV_HEADER.join(',')) {
    throw new ValidationError([{ field: 'line.1', rule: 'header', message: `1行目は見出し行（${PROGRESS_CSV_HEADER.join(',')}）にしてください` }]);
  }
  const problems: FieldProblem[] = [];
  const byTenant = new Map<string, { line: number; row: ProgressRowInput }[]>();
  for (const { line, fields } of lines) {
    if (fields.length !== PROGRESS_CSV_HEADER.length) {
      problems.push({ field: `line.${line}`, rule: 'columns', message: `${line}行目: 項目数が ${fields.length} です（${PROGRESS_CSV_HEADER.length} 項目）` });
      continue;
    }
    const get = (name: string) => fields[column(name)] ?? null;
    const parsed = ProgressRowSchema.safeParse({
      business: get('業務'), stepNo: Number(get('ステップ')), status: get('状態'), plannedStart: get('予定開始日'), plannedEnd: get('予定終了日'),
      actualStart: get('実績開始日'), actualEnd: get('実績終了日'), blockerCause: get('課題区分'), blocker: get('課題'),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ field: `line.${line}.${issue.path.join('.')}`, rule: issue.code, message: `${line}行目 ${String(issue.path[0] ?? '')}: ${issue.message}` });
      continue;
    }
    const code = get('団体コード') ?? '';
    if (!/^[0-9]{6}$/.test(code)) {
      problems.push({ field: `line.${line}.団体コード`, rule: 'format', message: `${line}行目: 団体コードは6桁の数字です` });
      continue;
    }
    byTenant.set(code, [...(byTenant.get(code) ?? []), { line, row: parsed.data }]);
  }
  if (problems.length > 0) throw new ValidationError(problems.slice(0, 100));
  if (lines.length === 0) throw new ValidationError([{ field: 'line.2', rule: 'empty', message: '見出し行のほかに行がありません' }]);
  // One transaction for every 団体 in the file: the tables are the operator's, and each 団体's audit entry
  // goes into its own chain by switching the transaction's 団体 before it is written.
  return inPlatform(deps.db, async (trx) => {
    const checked = [];
    for (const [code, rows] of byTenant) {
      await switchTenant(trx, code);
      checked.push({ code, ...(await checkProgress(trx, code, rows.map((r) => r.row), (i) => `line.${rows[i]!.line}`)) });
    }
    const all = checked.flatMap((c) => c.problems);
    if (all.length > 0) throw new ValidationError(all.slice(0, 100));
    for (const c of checked) {
      await switchTenant(trx, c.code);
      await c.write(by, audit);
    }
    return lines.length;
  });
}
