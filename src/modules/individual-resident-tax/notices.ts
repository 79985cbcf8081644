/**
 * What the assessment sends out, on demand from the latest version of each assessment:
 * - 特別徴収税額の決定通知 to an employer (特別徴収義務者用) as CSV: one row per employee with the annual tax,
 *   its 市・県・森林環境税 parts and the twelve monthly amounts June–May (地方税法321条の4);
 * - 税額決定・納税通知書 to a taxpayer as PDF: the bases, each levy, and the installments with due dates.
 * Both are audited with the persons they show (by internal id only).
 */
import { sql } from 'kysely';
import { formatJapaneseDate } from '../../jp/index.ts';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { auditCaller, type Caller } from '../../platform/http/caller.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { renderNotice } from '../../platform/pdf/notice.ts';
import { findTenant } from '../../platform/tenancy/tenant.ts';
import { employerOf } from './employers.ts';
import type { Breakdown } from './model.ts';
import { ordinaryCollection, pensionSpecialCollection, salarySpecialCollection, type Installment } from './rules/schedule.ts';
import { taxpayerOf } from './store.ts';

type Deps = Pick<ModuleContext, 'db'>;
const MODULE_ID = 'individual-resident-tax';

/** RFC 4180: every field quoted, quotes doubled. A BOM so spreadsheet software reads UTF-8. */
const csvLine = (fields: (string | number | null)[]) => fields.map((f) => `"${String(f ?? '').replaceAll('"', '""')}"`).join(',');

const MONTHS = ['6月', '7月', '8月', '9月', '10月', '11月', '12月', '1月', '2月', '3月', '4月', '5月'];

export async function employerNoticeCsv(deps: Deps, caller: Caller, fiscalYear: number, employerNo: string): Promise<string> {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const { rows } = await sql<{
      addressee_no: string; name: string | null; address: string | null; total: number; city_levy: number; pref_levy: number;
      forest_environment_tax: number; collection: string; employer_no: string | null;
    }>`
      SELECT DISTINCT ON (a.addressee_no) a.addressee_no, t.name, t.address, a.total, a.city_income_levy + a.city_per_capita_levy AS city_levy,
        a.pref_income_levy + a.pref_per_capita_levy AS pref_levy, a.forest_environment_tax, a.collection, a.employer_no
      FROM resident_tax_assessment a JOIN resident_tax_taxpayer t USING (tenant_code, addressee_no, fiscal_year)
      WHERE a.tenant_code = current_tenant() AND a.fiscal_year = ${fiscalYear}
        AND a.addressee_no IN (SELECT addressee_no FROM resident_tax_assessment WHERE tenant_code = current_tenant() AND fiscal_year = ${fiscalYear} AND employer_no = ${employerNo})
      ORDER BY a.addressee_no, a.version DESC`.execute(trx);
    // The latest version decides: an employee whose 更正 moved them to 普通徴収 is no longer the employer's.
    const current = rows.filter((r) => r.employer_no === employerNo && r.collection === 'salary');
    if (current.length === 0) throw new NotFoundError(`${fiscalYear}年度に特別徴収義務者 ${employerNo} から特別徴収する納税義務者はいません`);
    current.sort((a, b) => a.addressee_no.localeCompare(b.addressee_no));
    await auditCaller(trx, caller, MODULE_ID, { function: 'employer-notice', category: 'batch-print', targets: current.map((r) => ({ kind: 'addressee', id: r.addressee_no })) });
    // The employer as the register (employers.ts) knows it heads the file, one item a row, before the columns.
    const employer = await employerOf(trx, employerNo);
    const heading = [['名称', employer?.name ?? null], ['所在地', employer?.address ?? null]].filter((h): h is [string, string] => h[1] !== null);
    const lines = [
      ...(heading.length > 0 ? [['特別徴収義務者指定番号', employerNo], ...heading].map((h) => csvLine(h)) : []),
      csvLine(['年度', '特別徴収義務者指定番号', '宛名番号', '氏名', '住所', '年税額', '市町村民税', '道府県民税', '森林環境税', ...MONTHS]),
      ...current.map((r) => csvLine([fiscalYear, employerNo, r.addressee_no, r.name, r.address, r.total, r.city_levy, r.pref_levy, r.forest_environment_tax,
        ...salarySpecialCollection(fiscalYear, r.total).map((i) => i.amount)])),
    ];
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  });
}

const COLLECTION_NAMES = { salary: '給与からの特別徴収', pension: '公的年金からの特別徴収', ordinary: '普通徴収' } as const;

function installmentsOf(fiscalYear: number, collection: keyof typeof COLLECTION_NAMES, total: number): Installment[] {
  if (collection === 'salary') return salarySpecialCollection(fiscalYear, total);
  if (collection === 'pension') {
    const s = pensionSpecialCollection(fiscalYear, total, null);
    return [...s.ordinary, ...s.provisional, ...s.main];
  }
  return ordinaryCollection(fiscalYear, total);
}

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;
const step = (b: Breakdown, id: string) => b.steps.find((s) => s.step === id)?.amount ?? 0;

/** 税額決定・納税通知書 of the taxpayer's latest version (a 更正 prints as 税額変更). */
export async function taxNoticePdf(deps: Deps, caller: Caller, fiscalYear: number, addresseeNo: string): Promise<Buffer> {
  const { notice, tenantName } = await inTenant(deps.db, caller.tenantCode, async (trx: Trx) => {
    const taxpayer = await taxpayerOf(trx, fiscalYear, addresseeNo);
    const latest = taxpayer?.assessments.at(-1);
    if (!taxpayer || !latest) throw new NotFoundError(`${fiscalYear}年度の課税がありません（宛名番号 ${addresseeNo}）`);
    await auditCaller(trx, caller, MODULE_ID, { function: 'tax-notice', category: 'issue', targets: [{ kind: 'addressee', id: taxpayer.addresseeNo }] });
    return { notice: { taxpayer, latest }, tenantName: (await findTenant(trx, caller.tenantCode))?.name ?? caller.tenantCode };
  });
  const { taxpayer, latest } = notice;
  const t = latest.breakdown.totals;
  const era = formatJapaneseDate(`${fiscalYear}-04-01`).replace(/年.*$/, '年度');
  const installments = latest.total > 0 ? installmentsOf(fiscalYear, latest.collection, latest.total) : [];
  return renderNotice({
    title: `${era} 市町村民税・道府県民税 ${latest.kind === 'initial' ? '税額決定' : '税額変更'}・納税通知書`,
    recipient: { address: taxpayer.address ?? '', name: taxpayer.name ?? '' },
    rows: [
      { label: '宛名番号', value: taxpayer.addresseeNo },
      { label: '総所得金額等', value: yen(t.totalIncomeEtc) },
      { label: '所得控除の合計', value: yen(step(latest.breakdown, 'deductionsTotal')) },
      { label: '課税標準額', value: yen(t.taxableIncome) },
      { label: '所得割額（市町村民税）', value: yen(t.cityIncomeLevy) },
      { label: '所得割額（道府県民税）', value: yen(t.prefIncomeLevy) },
      { label: '均等割額（市町村民税・道府県民税）', value: `${yen(t.cityPerCapitaLevy)}・${yen(t.prefPerCapitaLevy)}` },
      { label: '森林環境税', value: yen(t.forestEnvironmentTax) },
      { label: '年税額', value: yen(t.total) },
      ...(latest.kind === 'reassessment' ? [{ label: '変更による増減', value: yen(latest.difference) }] : []),
      { label: '徴収方法', value: COLLECTION_NAMES[latest.collection] },
      ...installments.map((i) => ({ label: `第${i.installment}期（${i.month.replace(/^(\d+)-0?(\d+)$/, '$1年$2月')}）`, value: `${yen(i.amount)}\u3000納期限 ${formatJapaneseDate(i.dueDate)}` })),
    ],
    statement: latest.kind === 'cancellation'
      ? `${era}の市町村民税・道府県民税の賦課を取り消したので通知します（${latest.breakdown.steps[0]?.basis ?? ''}）。`
      : latest.total === 0
      ? `${era}の市町村民税・道府県民税は課税されません（非課税）。`
      : `${era}の市町村民税・道府県民税の税額を上記のとおり${latest.kind === 'initial' ? '決定' : '変更'}したので通知します。`,
    issuedOnLabel: formatJapaneseDate(latest.assessedAt.slice(0, 10)),
    sender: `${tenantName}長`,
  });
}
