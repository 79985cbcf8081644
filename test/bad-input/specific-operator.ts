/**
 * Hand-written cases of the operator's console (運用管理, src/operator): as in specific.ts, a request the
 * route accepts, sent as the operator, with one thing broken — a ward instead of its city, a business the
 * 団体 did not choose, a step the procedure lacks, dates out of order, a CSV line that does not fit.
 */
import { A } from '../support/resident-registry.ts';
import type { Case } from './case.ts';
import type { Fixture } from './fixture.ts';
import { BAD_CHARACTERS, SCRIPT_INJECTION, SQL_INJECTION, withRawBytes } from './hostile.ts';
import { breaking, type Base } from './specific.ts';

const O = '/api/v1/operator';
const named = (values: string[]) => values.map((value) => ({ name: value, value }));
export const PROGRESS_CSV_HEADER = '団体コード,団体名,業務,業務名,手順書の版,ステップ,フェーズ,作業名,状態,状態名,予定開始日,予定終了日,実績開始日,実績終了日,遅延,課題区分,課題';
/** One line of the progress CSV for step `stepNo` of 住民基本台帳 (17 fields), `rest` from 状態 on. */
const csvLine = (code: string, stepNo: string, rest = 'completed,完了済み,2026-04-01,2026-06-30,2026-04-01,2026-06-20,,,') =>
  `${code},堺市,resident-registry,住民基本台帳,1.0,${stepNo},計画立案,作業項目,${rest}`;
const csv = (...lines: string[]) => [PROGRESS_CSV_HEADER, ...lines].join('\r\n') + '\r\n';
/** Characters no field can store: NUL and an unpaired surrogate. */
const UNSTORABLE = BAD_CHARACTERS.filter((c) => /^NUL$|^unpaired surrogate/.test(c.name));

export function operatorBases(fx: Fixture): Record<string, Base> {
  const code = fx.onboarded;
  return {
    // 131024 (中央区): neither A, nor the fixture's 団体, nor the tenant control's 011002.
    onboard: {
      route: `POST ${O}/municipalities`, url: `${O}/municipalities`, as: 'operator', accepted: 201,
      body: () => ({ tenantCode: '131024', businesses: ['resident-registry'], deploymentProfile: 'beta', population: 170_000, administrator: { loginName: 'chuo-admin', displayName: '中央　管理者' } }),
    },
    profile: {
      route: `PUT ${O}/municipalities/{tenantCode}`, url: `${O}/municipalities/${code}`, as: 'operator', accepted: 200,
      body: () => ({ businesses: ['resident-registry', 'individual-resident-tax'], deploymentProfile: 'beta-prime', procedureVersion: '1.0', population: 820_000, baselineCostFy2018: 300_000_000, preMigrationCost: 320_000_000, otherRunningCost: 20_000_000 }),
    },
    progress: {
      route: `PUT ${O}/municipalities/{tenantCode}/progress`, url: `${O}/municipalities/${code}/progress`, as: 'operator', accepted: 200,
      body: () => ({ items: [{ business: 'resident-registry', stepNo: 2, status: 'in_progress', plannedStart: '2026-05-01', plannedEnd: '2026-12-31', actualStart: '2026-05-07', blockerCause: 'vendor-resources', blocker: 'ベンダーの要員不足' }] }),
    },
    progressCsv: {
      route: `POST ${O}/progress.csv`, url: `${O}/progress.csv`, as: 'operator', accepted: 200, contentType: 'text/csv',
      body: () => ({}), text: () => csv(csvLine(code, '3')),
    },
    sharedCosts: {
      route: `PUT ${O}/shared-costs/{month}`, url: `${O}/shared-costs/2026-11`, as: 'operator', accepted: 200,
      body: () => ({ items: [{ category: 'cloud', amount: 4_000_000, key: 'population' }, { category: 'network', amount: 1_000_000, key: 'equal' }, { category: 'operations', amount: 2_000_000, key: 'usage', usageMetric: 'storedBytes' }] }),
    },
    procedure: {
      route: `PUT ${O}/procedures/{version}`, url: `${O}/procedures/bad-input-2`, as: 'operator', accepted: 204,
      body: () => ({ title: '入力検査の手順書', source: 'bad-input', steps: [{ stepNo: 1, phase: 'planning', name: '推進体制の立ち上げ', workItem: 1 }, { stepNo: 2, phase: 'selection', name: '選定', workItem: 5 }, { stepNo: 3, phase: 'migration', name: '移行', workItem: null }] }),
    },
  };
}

export function operatorCases(fx: Fixture): Case[] {
  const b = operatorBases(fx);
  const code = fx.onboarded;
  const send = (base: Base, name: string, body: unknown, options: Partial<Case> = {}): Case =>
    ({ route: base.route, family: 'specific', name, method: base.route.split(' ')[0]!, url: base.url, as: 'operator', body: typeof body === 'string' ? body : JSON.stringify(body), ...(base.contentType ? { contentType: base.contentType } : {}), ...options });
  const at = (base: Base, url: string, name: string, options: Partial<Case> = {}) => send(base, name, base.body(), { url, ...options });
  const get = (route: string, url: string, name: string, field: string): Case => ({ route, family: 'specific', name, method: 'GET', url, as: 'operator', status: 422, field });
  const row = (over: Record<string, unknown>) => ({ items: [{ ...(b.progress!.body().items as Record<string, unknown>[])[0], ...over }] });
  const upload = (name: string, text: string, field?: string, options: Partial<Case> = {}) => send(b.progressCsv!, name, text, { status: 422, ...(field ? { field } : {}), ...options });
  const rules = (base: Base, name: string, body: unknown, field: string) => send(base, name, body, { status: 422, field });

  return [
    // 受入れ: the code from the official list, a city rather than its ward, once only.
    ...breaking(b.onboard!, 'tenantCode', named(['131025', '000000', '271411', SQL_INJECTION[0]!, '13102４', '1310240'])),
    // A 団体 registered before the console (A) is taken up rather than refused: a bad administrator then rolls the
    // take-up back whole (no operator record, no account).
    at(b.onboard!, b.onboard!.url, 'a 団体 registered before the console (A) with a bad administrator ID', {
      body: JSON.stringify({ ...b.onboard!.body(), tenantCode: A, administrator: { loginName: 'a b', displayName: '管理者' } }), status: 422, field: 'body.administrator.loginName',
    }),
    at(b.onboard!, b.onboard!.url, 'a 団体 already onboarded', { body: JSON.stringify({ ...b.onboard!.body(), tenantCode: code }), status: 409 }),
    ...breaking(b.onboard!, 'businesses', [{ name: 'none', value: [] }, { name: 'one that does not exist', value: ['no-such-business'] }, { name: 'SQL injection', value: [SQL_INJECTION[1]] }]),
    ...breaking(b.onboard!, 'deploymentProfile', named(['gamma', SCRIPT_INJECTION[0]!])),
    ...breaking(b.onboard!, 'procedureVersion', named(['9.9', '../1.0', SQL_INJECTION[0]!])),
    ...breaking(b.onboard!, 'population', [{ name: 'negative', value: -1 }, { name: 'a fraction', value: 1.5 }, { name: 'a string', value: '170000' }]),
    ...breaking(b.onboard!, 'administrator.loginName', named(['a b', '../../etc/passwd', SQL_INJECTION[0]!, 'ab'])),
    // What the platform refuses in any text (input-guard.ts); control characters are a module's own rule, as for POST users.
    ...breaking(b.onboard!, 'administrator.displayName', [{ name: 'empty', value: '' }, ...UNSTORABLE]),
    // 団体の登録: a procedure version that does not exist, costs out of range, a 団体 not onboarded.
    ...breaking(b.profile!, 'procedureVersion', named(['9.9', '../1.0'])),
    ...breaking(b.profile!, 'businesses', [{ name: 'none', value: [] }, { name: 'a string', value: 'resident-registry' }]),
    ...breaking(b.profile!, 'baselineCostFy2018', [{ name: 'negative', value: -1 }, { name: 'over 10 trillion', value: 1e13 + 1 }, { name: 'a fraction', value: 0.5 }]),
    ...breaking(b.profile!, 'otherRunningCost', [{ name: 'null', value: null }, { name: 'a string', value: '0' }]),
    at(b.profile!, `${O}/municipalities/${A}`, 'a 団体 registered but not onboarded (A)', { status: 404 }),
    at(b.profile!, `${O}/municipalities/131024`, 'a 団体 not registered', { status: 404 }),
    at(b.profile!, `${O}/municipalities/271404`, 'a code with a wrong check digit', { status: 422 }),
    at(b.profile!, `${O}/municipalities/${encodeURIComponent(SQL_INJECTION[0]!)}`, 'SQL injection as the code', { status: 422 }),
    // 進捗: only the 団体's businesses and the procedure's steps, dates in order and not in the future.
    rules(b.progress!, 'a business the 団体 did not choose', row({ business: 'national-pension' }), 'body.items.0.business'),
    rules(b.progress!, 'a step the procedure lacks', row({ stepNo: 99 }), 'body.items.0.stepNo'),
    rules(b.progress!, 'step 0', row({ stepNo: 0 }), 'body.items.0.stepNo'),
    rules(b.progress!, 'an unknown status', row({ status: 'done' }), 'body.items.0.status'),
    rules(b.progress!, 'planned end before planned start', row({ plannedEnd: '2026-04-30' }), 'body.items.0.plannedEnd'),
    rules(b.progress!, 'a date that does not exist', row({ plannedStart: '2026-02-30' }), 'body.items.0.plannedStart'),
    rules(b.progress!, 'an actual start in the future', row({ actualStart: '2099-01-01' }), 'body.items.0.actualStart'),
    rules(b.progress!, 'completed without an actual end', row({ status: 'completed' }), 'body.items.0.actualEnd'),
    rules(b.progress!, 'an unknown blocker cause', row({ blockerCause: SQL_INJECTION[0] }), 'body.items.0.blockerCause'),
    rules(b.progress!, 'a 401-character blocker', row({ blocker: 'あ'.repeat(401) }), 'body.items.0.blocker'),
    ...UNSTORABLE.map((c) => rules(b.progress!, `blocker with ${c.name}`, row({ blocker: c.value }), 'body.items.0.blocker')),
    rules(b.progress!, 'the same step twice', { items: [...row({}).items, ...row({}).items] }, 'body.items.1.stepNo'),
    rules(b.progress!, 'no rows', { items: [] }, 'body.items'),
    at(b.progress!, `${O}/municipalities/${A}/progress`, 'a 団体 not onboarded (A)', { status: 404 }),
    // The CSV import: the export's layout, every line checked before anything is written.
    upload('a header that is not the export’s', csv(csvLine(code, '3')).replace('団体コード', 'code'), 'line.1'),
    upload('no header at all', `${csvLine(code, '3')}\r\n`, 'line.1'),
    upload('the header only', `${PROGRESS_CSV_HEADER}\r\n`, 'line.2'),
    upload('an empty body', '', 'line.1'),
    upload('a line of 3 fields', csv(csvLine(code, '3'), `${code},堺市,resident-registry`), 'line.3'),
    upload('a step the procedure lacks', csv(csvLine(code, '3'), csvLine(code, '200')), 'line.3'),
    upload('a step that is not a number', csv(csvLine(code, 'three')), 'line.2'),
    upload('a business the 団体 did not choose', csv(csvLine(code, '3').replace('resident-registry', 'national-pension')), 'line.2'),
    upload('a 団体 not onboarded (A)', csv(csvLine(A, '3')), 'line.2'),
    upload('SQL injection as the 団体コード', csv(csvLine(SQL_INJECTION[0]!.replace(',', ''), '3')), 'line.2'),
    upload('a date that does not exist', csv(csvLine(code, '3', 'completed,完了済み,2026-02-30,,2026-04-01,2026-06-20,,,')), 'line.2'),
    upload('completed in the future', csv(csvLine(code, '3', 'completed,完了済み,,,2026-04-01,2099-06-20,,,')), 'line.2'),
    upload('an unclosed quote', csv(csvLine(code, '3'), `${code},"堺市,resident-registry`), 'line.3'),
    upload('the same step twice', csv(csvLine(code, '3'), csvLine(code, '3')), 'line.3'),
    // A CSV body is no JSON: the input guard does not see it, so the import must refuse these itself.
    upload('a blocker with NUL', csv(csvLine(code, '3', 'in_progress,作業中,,,2026-04-01,,,other,課題\u0000あり')), undefined, { status: undefined }),
    { ...upload('invalid UTF-8 in a blocker', '', undefined, { status: undefined }), body: withRawBytes(csv(csvLine(code, '3', 'in_progress,作業中,,,2026-04-01,,,other,__BYTES__')), [0xff, 0xfe]) },
    send(b.progressCsv!, 'as JSON', JSON.stringify({ csv: csv(csvLine(code, '3')) }), { contentType: 'application/json', status: 415 }),
    // 共通費用: each category once, the usage metric exactly when split by usage.
    rules(b.sharedCosts!, 'a category twice', { items: [{ category: 'cloud', amount: 1, key: 'equal' }, { category: 'cloud', amount: 2, key: 'equal' }] }, 'body.items.1.category'),
    rules(b.sharedCosts!, 'by usage without a metric', { items: [{ category: 'cloud', amount: 1, key: 'usage' }] }, 'body.items.0.usageMetric'),
    rules(b.sharedCosts!, 'a metric with an equal split', { items: [{ category: 'cloud', amount: 1, key: 'equal', usageMetric: 'storedBytes' }] }, 'body.items.0.usageMetric'),
    rules(b.sharedCosts!, 'an unknown category', { items: [{ category: 'power', amount: 1, key: 'equal' }] }, 'body.items.0.category'),
    rules(b.sharedCosts!, 'an unknown key', { items: [{ category: 'cloud', amount: 1, key: SQL_INJECTION[0] }] }, 'body.items.0.key'),
    ...[-1, 0.5, 1e13 + 1].map((amount) => rules(b.sharedCosts!, `amount ${amount}`, { items: [{ category: 'cloud', amount, key: 'equal' }] }, 'body.items.0.amount')),
    rules(b.sharedCosts!, 'four items', { items: [...(b.sharedCosts!.body().items as unknown[]), { category: 'cloud', amount: 1, key: 'equal' }] }, 'body.items'),
    ...['2026-13', '2026-1', '令和8年11月', '2026-11-01'].map((month) => at(b.sharedCosts!, `${O}/shared-costs/${encodeURIComponent(month)}`, `month ${month}`, { status: 422 })),
    // 手順書: step numbers once each, phases in order; a step with progress cannot be removed.
    rules(b.procedure!, 'a step number twice', { ...b.procedure!.body(), steps: [{ stepNo: 1, phase: 'planning', name: 'a' }, { stepNo: 1, phase: 'planning', name: 'b' }] }, 'body.steps.1.stepNo'),
    rules(b.procedure!, 'a later phase before an earlier one', { ...b.procedure!.body(), steps: [{ stepNo: 1, phase: 'migration', name: 'a' }, { stepNo: 2, phase: 'planning', name: 'b' }] }, 'body.steps.1.phase'),
    rules(b.procedure!, 'no steps', { ...b.procedure!.body(), steps: [] }, 'body.steps'),
    rules(b.procedure!, 'work item 18', { ...b.procedure!.body(), steps: [{ stepNo: 1, phase: 'planning', name: 'a', workItem: 18 }] }, 'body.steps.0.workItem'),
    ...breaking(b.procedure!, 'title', [{ name: 'empty', value: '' }, ...UNSTORABLE]),
    send(b.procedure!, 'removing a step of 1.0 that carries progress', { title: '手順書', source: 'x', steps: [{ stepNo: 2, phase: 'planning', name: 'a' }] }, { url: `${O}/procedures/1.0`, status: 409 }),
    ...['..%2F1.0', encodeURIComponent(SQL_INJECTION[0]!), 'x'.repeat(33)].map((v) => at(b.procedure!, `${O}/procedures/${v}`, `version ${decodeURIComponent(v).slice(0, 20)}`, { status: 422 })),
    // The reads' queries.
    get(`GET ${O}/usage`, `${O}/usage?from=2026-02-30&to=2026-11-01`, 'from a date that does not exist', 'query.from'),
    get(`GET ${O}/usage`, `${O}/usage?from=2026-11-01&to=${encodeURIComponent('令和8年11月1日')}`, 'to in 和暦', 'query.to'),
    get(`GET ${O}/cost-effect`, `${O}/cost-effect?month=2026-13`, 'month 13', 'query.month'),
    get(`GET ${O}/municipalities/{tenantCode}/progress`, `${O}/municipalities/131025/progress`, 'a code with a wrong check digit', 'tenantCode'),
  ];
}
