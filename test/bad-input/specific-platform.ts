/**
 * Hand-written cases of the platform (accounts, roles, sign-in, tokens, jobs with their server paths,
 * 団体) and of the resident tax: as in specific.ts, a request the route accepts with one thing broken.
 */
import { A } from '../support/resident-registry.ts';
import type { Case } from './case.ts';
import type { Fixture } from './fixture.ts';
import { employer } from './fixture.ts';
import { BAD_CHARACTERS, deepArrays, raw, SCRIPT_INJECTION, SQL_INJECTION } from './hostile.ts';
import { breaking, type Base } from './specific.ts';

const TAX = '/api/v1/individual-resident-tax';
const named = (values: string[]) => values.map((value) => ({ name: value, value }));
const wrongDigit = (n: string) => n.slice(0, -1) + String((Number(n.at(-1)) + 1) % 10);

export function platformBases(fx: Fixture): Record<string, Base> {
  const jobs = `/api/v1/tenants/${A}/jobs`;
  return {
    user: {
      route: 'POST /api/v1/tenants/{tenantCode}/users', url: `/api/v1/tenants/${A}/users`, as: 'admin', accepted: 201,
      body: () => ({ loginName: 'bad-input.clerk', displayName: '入力　検査', department: '市民課', roles: [], validFrom: '2026-04-01', validUntil: '2027-03-31' }),
    },
    role: {
      route: 'PUT /api/v1/tenants/{tenantCode}/roles/{name}', url: `/api/v1/tenants/${A}/roles/bad-input-clerk`, as: 'admin', accepted: 200,
      body: () => ({ title: '窓口（入力検査）', permissions: ['resident-registry:read'] }),
    },
    exportJob: {
      route: 'POST /api/v1/tenants/{tenantCode}/jobs', url: jobs, as: 'admin', accepted: 202,
      body: () => ({ type: 'interop.export', params: { dir: `${fx.workDir}/export-control` } }),
    },
    assessmentJob: {
      route: 'POST /api/v1/tenants/{tenantCode}/jobs', url: jobs, as: 'admin', accepted: 202,
      body: () => ({ type: 'individual-resident-tax.annual-assessment', params: { fiscalYear: 2026 }, chunkSize: 100 }),
    },
    tenant: { route: 'POST /api/v1/tenants', url: '/api/v1/tenants', as: 'operator', accepted: 201, body: () => ({ tenantCode: '011002' }) },
    income: {
      route: `POST ${TAX}/fiscal-years/{fiscalYear}/income-documents`, url: `${TAX}/fiscal-years/2026/income-documents`, as: 'admin', accepted: 201,
      body: () => ({ addresseeNo: fx.family.head.addresseeNo, source: 'salary_report', employerNo: fx.employerNo, employerName: employer.name, items: { salaryRevenue: 5_000_000, socialInsurance: 700_000 } }),
    },
    employer: {
      route: `PUT ${TAX}/employers/{employerNo}`, url: `${TAX}/employers/E-0002`, as: 'admin', accepted: 200,
      body: () => ({ ...employer, name: '株式会社入力検査商事', corporateNumber: '3010001088782' }),
    },
    relief: {
      route: `POST ${TAX}/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}/reliefs`, url: `${TAX}/fiscal-years/2026/taxpayers/${fx.family.child.addresseeNo}/reliefs`, as: 'admin', accepted: 201,
      body: () => ({ kind: 'reduction', reason: 'unemployment', reasonText: '令和8年3月 離職', rate: '0.5', decidedOn: '2026-07-10', decidedBy: '市民税課長' }),
    },
  };
}

export function platformCases(fx: Fixture): Case[] {
  const b = platformBases(fx);
  const post = (route: string, url: string, name: string, body: unknown, options: Partial<Case> = {}): Case =>
    ({ route, family: 'specific', name, method: route.split(' ')[0]!, url, as: 'admin', body: typeof body === 'string' ? body : JSON.stringify(body), ...options });
  const job = (name: string, body: unknown, field: string, extra: Partial<Case> = {}) =>
    post(b.exportJob!.route, b.exportJob!.url, name, body, { status: 422, field: `body.${field}`, ...extra });
  const signIn = (name: string, body: unknown, status?: number) => post('POST /api/v1/auth/sign-in', '/api/v1/auth/sign-in', name, body, { as: 'anonymous', ...(status ? { status } : {}) });
  const work = fx.workDir;

  return [
    // Accounts and roles.
    ...breaking(b.user!, 'loginName', named(['../../etc/passwd', SCRIPT_INJECTION[0]!, SQL_INJECTION[0]!, 'ab'])),
    ...breaking(b.user!, 'validFrom', named(['0000-01-01', '2026-02-30', '2026-13-01'])),
    ...breaking(b.user!, 'validUntil', named(['9999-99-99', '令和8年4月1日'])),
    ...breaking(b.user!, 'displayName', BAD_CHARACTERS.filter((c) => /NUL|surrogate/.test(c.name))),
    ...breaking(b.user!, 'roles', [{ name: 'a role that does not exist', value: ['no-such-role'] }, { name: 'a string', value: 'administrator' }]),
    ...breaking(b.role!, 'permissions', [{ name: 'an operator permission (escalation)', value: ['tenants:manage'] }, { name: 'one that does not exist', value: [SQL_INJECTION[1]] }]).map((c) => ({ ...c, status: undefined, field: undefined })),
    ...breaking(b.role!, 'title', BAD_CHARACTERS.filter((c) => /NUL|surrogate/.test(c.name))),
    post('PUT /api/v1/tenants/{tenantCode}/roles/{name}', `/api/v1/tenants/${A}/roles/..%2Fadministrator`, 'role name ../administrator', b.role!.body(), { status: 422 }),
    post('PUT /api/v1/tenants/{tenantCode}/roles/{name}', `/api/v1/tenants/${A}/roles/administrator`, 'redefine the built-in administrator', b.role!.body()),
    post('POST /api/v1/tenants/{tenantCode}/clients', `/api/v1/tenants/${A}/clients`, 'client name ../../etc/passwd', { name: '../../etc/passwd', title: '連携', scopes: ['resident-registry:read'] }, { status: 422 }),
    // Sign-in and tokens, from nobody signed in.
    signIn('a 団体コード with a wrong check digit', { tenantCode: '131017', loginName: 'someone', password: 'x' }),
    signIn('SQL injection as the 団体コード', { tenantCode: SQL_INJECTION[0], loginName: 'someone', password: 'x' }, 422),
    signIn('NUL in the user id of a real 団体', { tenantCode: A, loginName: 'admin\u0000', password: 'x' }, 422),
    signIn('a 1 MB password', { tenantCode: A, loginName: 'someone', password: 'x'.repeat(1_000_000) }, 422),
    post('POST /api/v1/auth/token', '/api/v1/auth/token', 'grant_type=password', 'grant_type=password&username=a&password=b', { as: 'anonymous', contentType: 'application/x-www-form-urlencoded', status: 422, field: 'body.grant_type' }),
    post('POST /api/v1/auth/token', '/api/v1/auth/token', 'NUL in the client id', 'grant_type=client_credentials&client_id=a%00b&client_secret=x', { as: 'anonymous', contentType: 'application/x-www-form-urlencoded', status: 422, field: 'body.client_id' }),
    post('POST /api/v1/auth/token', '/api/v1/auth/token', 'a multipart body that is not one', '--x\r\nContent-Disposition: garbage\r\n\r\n', { as: 'anonymous', contentType: 'multipart/form-data; boundary=x' }),
    post('POST /api/v1/auth/token', '/api/v1/auth/token', 'invalid UTF-8 in the secret', 'grant_type=client_credentials&client_id=a&client_secret=%FF%FE', { as: 'anonymous', contentType: 'application/x-www-form-urlencoded' }),
    // Jobs: server paths out of their place, paths that are files, and parameters of the wrong shape.
    job('export to a relative ../../etc', { type: 'interop.export', params: { dir: '../../etc' } }, 'params.dir'),
    job('export through .. out of the work directory', { type: 'interop.export', params: { dir: `${work}/a/../../../etc/cron.d` } }, 'params.dir'),
    job('export into a path below a file', { type: 'interop.export', params: { dir: `${fx.workFile}/sub` } }, 'params.dir'),
    job('export to a path with a control character', { type: 'interop.export', params: { dir: `${work}/x\u0007y` } }, 'params.dir'),
    job('export to a path with NUL', { type: 'interop.export', params: { dir: `${work}/x\u0000y` } }, 'params.dir'),
    job('export with the dir a number', { type: 'interop.export', params: { dir: 42 } }, 'params.dir'),
    job('import from ../../etc', { type: 'interop.import', params: { dir: `${work}/../../etc` } }, 'params.dir'),
    job('import with its report over /etc/passwd by ..', { type: 'interop.import', params: { dir: work, reportFile: `${work}/../../etc/passwd` } }, 'params.reportFile'),
    job('import with /etc/passwd as the 外字対応表', { type: 'interop.import', params: { dir: work, legacy: { encoding: 'shift_jis', gaijiFile: '/etc/passwd' } } }, 'params.legacy.gaijiFile', { mustNotContain: 'root:' }),
    job('import with a relative 外字対応表', { type: 'interop.import', params: { dir: work, legacy: { encoding: 'shift_jis', gaijiFile: '../../etc/passwd.csv' } } }, 'params.legacy.gaijiFile'),
    job('import in EBCDIC', { type: 'interop.import', params: { dir: work, legacy: { encoding: 'ebcdic' } } }, 'params.legacy.encoding'),
    job('当初課税 of an unsupported year', { type: 'individual-resident-tax.annual-assessment', params: { fiscalYear: 2019 } }, 'params.fiscalYear'),
    job('当初課税 with the year as a string', { type: 'individual-resident-tax.annual-assessment', params: { fiscalYear: '2026' } }, 'params.fiscalYear'),
    job('当初課税 with params 10,000 arrays deep', `{"type":"individual-resident-tax.annual-assessment","params":${deepArrays(10_000)}}`, 'params'),
    ...[0, 1.5, 1e9, -1].map((n) => job(`chunkSize ${n}`, { ...b.assessmentJob!.body(), chunkSize: n }, 'chunkSize')),
    ...['__proto__', 'constructor', '../interop.export'].map((type) => job(`type ${type}`, { type, params: {} }, 'type')),
    // 団体 (the operator's).
    ...breaking(b.tenant!, 'tenantCode', named(['131017', '000000', SQL_INJECTION[0]!, '13101６', '1310160'])),
    // Resident tax.
    ...breaking(b.income!, 'items.salaryRevenue', [
      { name: 'negative', value: -1 }, { name: 'a fraction', value: 1.5 }, { name: 'a string', value: '5000000' },
      { name: '1e400', value: raw('1e400') }, { name: '2^53 + 1', value: raw('9007199254740993') },
    ]),
    // (A 宛名番号 with a wrong check digit is accepted here by design: 課税資料 may name someone the register does not know.)
    ...breaking(b.income!, 'addresseeNo', named([SQL_INJECTION[0]!, '１２３４５６７８９０'])),
    ...breaking(b.income!, 'source', named([SQL_INJECTION[1]!])),
    ...breaking(b.income!, 'employerNo', named(['../../x', SCRIPT_INJECTION[0]!])),
    ...breaking(b.employer!, 'corporateNumber', named([wrongDigit('3010001088782'), '301000108878'])),
    ...breaking(b.employer!, 'postalCode', named(['100-0001', SQL_INJECTION[0]!])),
    ...breaking(b.employer!, 'phone', named([SQL_INJECTION[0]!, SCRIPT_INJECTION[0]!])),
    ...breaking(b.employer!, 'expectedVersion', [{ name: 'zero', value: 0 }, { name: 'a string', value: '1' }]),
    ...breaking(b.relief!, 'rate', named(['1.5', '0.12345', SQL_INJECTION[0]!])),
    ...breaking(b.relief!, 'amount', [{ name: 'zero', value: 0 }, { name: 'over a hundred million', value: 100_000_001 }]),
    ...breaking(b.relief!, 'decidedOn', named(['令和0年7月10日', '2026-02-30'])),
    post(`POST ${TAX}/simulate`, `${TAX}/simulate`, 'an unsupported year', { fiscalYear: 2019, input: { age: 45, salaryRevenue: 5_000_000 } }, { status: 422, field: 'body.fiscalYear' }),
    post(`POST ${TAX}/simulate`, `${TAX}/simulate`, 'a negative age', { fiscalYear: 2026, input: { age: -1, salaryRevenue: 5_000_000 } }, { status: 422, field: 'body.input.age' }),
    // Refused before any validation: the operator on business data, nobody on a job.
    post(`POST /api/v1/resident-registry/move-in`, '/api/v1/resident-registry/move-in', 'as the operator', { effectiveDate: '2026-02-30' }, { as: 'operator', status: 403 }),
    post(b.exportJob!.route, b.exportJob!.url, 'as the operator: export to /etc', { type: 'interop.export', params: { dir: '/etc' } }, { as: 'operator', status: 403 }),
    post(b.exportJob!.route, b.exportJob!.url, 'nobody: export through ..', { type: 'interop.export', params: { dir: `${work}/../../etc` } }, { as: 'anonymous', status: 401 }),
  ];
}
