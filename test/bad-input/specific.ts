/**
 * The hand-written cases: a request that the route accepts (its base, sent as it is by the control test
 * after the corpus) with one thing broken in it — a date that does not exist, a wrong check digit, a
 * character no field may hold, a path out of its directory — so the refusal can only be for that one
 * thing, found by the route's own checks deep inside, and named in the answer.
 */
import { MY_NUMBERS, NOT_MY_NUMBERS } from '../fixtures/my-numbers.ts';
import { BASE, daysAgo, today } from '../support/resident-registry.ts';
import type { Case, Caller } from './case.ts';
import { corporation, moveInBody, person, type Fixture } from './fixture.ts';
import { BAD_CHARACTERS, BAD_DATES, HUGE, jsonWithRaw, raw, SCRIPT_INJECTION, SQL_INJECTION, withRawBytes } from './hostile.ts';
import { operatorBases, operatorCases } from './specific-operator.ts';
import { platformBases, platformCases } from './specific-platform.ts';

/** A valid request of a route, and the route's key in the OpenAPI document. */
export interface Base {
  route: string;
  url: string;
  as: Caller;
  body: () => Record<string, unknown>;
  /** A body that is not JSON (a CSV upload), sent as it is under `contentType` in place of body(). */
  text?: () => string;
  contentType?: string;
  /** What the control expects when the base is sent as it is. */
  accepted: number;
}

/** `value` with `at` (dotted path, array indexes as numbers) set to `to`; a copy. */
export function setAt(value: Record<string, unknown>, at: string, to: unknown): Record<string, unknown> {
  const copy = structuredClone(value);
  const keys = at.split('.');
  let node: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys.at(-1)!] = to;
  return copy;
}

/** One case per (field, value): the base with that field broken; the 422 must name the field. */
export function breaking(base: Base, at: string, values: Array<{ name: string; value: unknown }>, status = 422): Case[] {
  return values.map(({ name, value }) => ({
    route: base.route, family: 'specific', name: `${at}: ${name}`, method: base.route.split(' ')[0]!, url: base.url, as: base.as,
    body: jsonWithRaw(setAt(base.body(), at, value)), status, ...(status === 422 ? { field: `body.${at}` } : {}),
  }));
}

const named = (values: string[]) => values.map((value) => ({ name: value.length > 40 ? `${value.slice(0, 20)}…` : value, value }));
const characters = BAD_CHARACTERS.map((b) => ({ name: b.name, value: b.value }));

export function registryBases(fx: Fixture): Record<string, Base> {
  const child = { residentId: fx.family.child.residentId, version: fx.family.child.version };
  return {
    moveIn: { route: `POST ${BASE}/move-in`, url: `${BASE}/move-in`, as: 'admin', accepted: 201, body: () => moveInBody([person()]) },
    myNumber: {
      route: `POST ${BASE}/my-number`, url: `${BASE}/my-number`, as: 'admin', accepted: 201,
      body: () => ({ effectiveDate: today, person: child, kind: 'ex_officio_entry', myNumber: MY_NUMBERS[41] }),
    },
    residentCode: {
      route: `POST ${BASE}/resident-code`, url: `${BASE}/resident-code`, as: 'admin', accepted: 201,
      // The head, not the child: the control records the child's 個人番号 first, which moves the child's version on.
      body: () => ({ effectiveDate: today, person: { residentId: fx.family.head.residentId, version: fx.family.head.version }, kind: 'change_request', notifiedDate: today, residentCode: '31999999994' }),
    },
    protection: {
      route: `POST ${BASE}/protections`, url: `${BASE}/protections`, as: 'admin', accepted: 201,
      body: () => ({ addresseeNo: fx.family.head.addresseeNo, requestedOn: daysAgo(1), startsOn: today, remark: '申出書受付' }),
    },
    settings: {
      route: `PUT ${BASE}/certificate-settings`, url: `${BASE}/certificate-settings`, as: 'admin', accepted: 200,
      body: () => ({ mayorName: '千代田　太郎', deputyFrom: '2026-04-01', deputyUntil: '2026-04-30', deputyName: '代理　次郎' }),
    },
    nonResident: {
      route: 'POST /api/v1/addressee/non-residents', url: '/api/v1/addressee/non-residents', as: 'admin', accepted: 201,
      body: () => ({ name: '住登外　入力', nameKana: 'ジュウトウガイ　ニュウリョク', birthDate: '1970-07-07', sex: '2', address: { text: '大阪府大阪市北区中之島1丁目3番20号' }, myNumber: MY_NUMBERS[42] }),
    },
    corporation: {
      route: 'POST /api/v1/addressee/corporations', url: '/api/v1/addressee/corporations', as: 'admin', accepted: 201,
      body: () => ({ ...corporation, name: '株式会社入力検査二', corporateNumber: '3010001088782' }),
    },
  };
}

export function specificCases(fx: Fixture): Case[] {
  const b = registryBases(fx);
  const dates = named(BAD_DATES);
  const rawCase = (base: Base, name: string, body: string | Uint8Array, status: number, field?: string): Case =>
    ({ route: base.route, family: 'specific', name, method: base.route.split(' ')[0]!, url: base.url, as: base.as, body, status, ...(field ? { field } : {}) });
  const moveInText = JSON.stringify(b.moveIn!.body()).replace('"入力　試験"', '"入力__BYTES__試験"');
  const get = (route: string, url: string, name: string, status?: number, field?: string): Case =>
    ({ route: `GET ${route}`, family: 'specific', name, method: 'GET', url, as: 'admin', ...(status ? { status } : {}), ...(field ? { field } : {}) });
  const wrongDigit = (n: string) => n.slice(0, -1) + String((Number(n.at(-1)) + 1) % 10);

  return [
    // 転入: every kind of bad value, each in an otherwise valid 転入 of one person.
    ...breaking(b.moveIn!, 'effectiveDate', dates),
    ...breaking(b.moveIn!, 'persons.0.birthDate', named(['2026-02-29', '令和0年5月1日', '0000-01-01', '明治45年8月1日', '2026-04-31'])),
    ...breaking(b.moveIn!, 'persons.0.myNumber', [{ name: 'wrong check digit', value: NOT_MY_NUMBERS[0] }, { name: 'full-width digits', value: '１２３４５６７８９０１８' }, { name: '11 digits', value: '12345678901' }]),
    ...breaking(b.moveIn!, 'persons.0.residentCode', named(['1234567890', '１２３４５６７８９０１', SQL_INJECTION[0]!, '123456789012'])),
    ...breaking(b.moveIn!, 'persons.0.name', [...characters, { name: '101 characters', value: 'あ'.repeat(101) }, { name: '1 MB of kana', value: 'あ'.repeat(340_000) }, { name: 'emoji', value: '佐藤😀' }]),
    ...breaking(b.moveIn!, 'persons.0.nameKana', named([SCRIPT_INJECTION[0]!, 'サトウ\u0007', 'ーサトウ'])),
    ...breaking(b.moveIn!, 'remark', [{ name: '1001 characters', value: 'x'.repeat(1001) }, { name: '1,000,000 characters', value: HUGE }, ...characters.slice(0, 2)]),
    ...breaking(b.moveIn!, 'persons', [{ name: 'none', value: [] }, { name: '51 persons', value: Array.from({ length: 51 }, () => person()) }]),
    ...breaking(b.moveIn!, 'persons.0.sex', named(['3', SQL_INJECTION[1]!])),
    ...breaking(b.moveIn!, 'persons.0.relationship', named(['孫', SCRIPT_INJECTION[1]!])),
    ...breaking(b.moveIn!, 'kind', named([SQL_INJECTION[1]!])),
    ...breaking(b.moveIn!, 'destination.address.postalCode', named([SQL_INJECTION[0]!, '100-0001'])),
    // A duplicate is the person's fault as a whole: the refusal names body.persons.0.
    ...breaking(b.moveIn!, 'persons.0.residentCode', [{ name: 'the code of a resident already recorded', value: fx.family.headResidentCode }]).map((c) => ({ ...c, field: 'body.persons.0' })),
    ...breaking(b.moveIn!, 'effectiveDate', [{ name: 'a number', value: 20260401 }, { name: '1e400', value: raw('1e400') }]),
    rawCase(b.moveIn!, 'invalid UTF-8 inside a name of an otherwise valid 転入', withRawBytes(moveInText, [0xed, 0xa0, 0x80]), 400),
    rawCase(b.moveIn!, 'the escape \\uD800 (upper case) inside a name', moveInText.replace('__BYTES__', '\\uD800'), 422, 'body.persons.0.name'),
    // 個人番号 and 住民票コード of a resident (the 住民票コード's check digit is not checked: its formula is unconfirmed, STANDARDS §6).
    ...breaking(b.myNumber!, 'myNumber', [{ name: 'wrong check digit', value: NOT_MY_NUMBERS[1] }, { name: 'letters', value: 'ABCDEFGHIJKL' }, { name: 'SQL injection', value: SQL_INJECTION[0] }]),
    ...breaking(b.myNumber!, 'person.residentId', named(['not-a-uuid', SQL_INJECTION[0]!])),
    ...breaking(b.myNumber!, 'person.version', [{ name: 'zero', value: 0 }, { name: 'a string', value: '1' }, { name: '2^53 + 1', value: raw('9007199254740993') }]),
    ...breaking(b.residentCode!, 'residentCode', named(['1234567890', '１２３４５６７８９０１', '3199999999x'])),
    ...breaking(b.residentCode!, 'effectiveDate', named(['平成31年5月1日', '2026-13-01'])),
    // 支援措置, 証明書の設定 (the 電子公印 is the API's one upload).
    ...breaking(b.protection!, 'addresseeNo', named([wrongDigit(fx.family.head.addresseeNo), SQL_INJECTION[0]!, '../../etc/passwd'])).map((c) => ({ ...c, status: undefined, field: undefined })),
    ...breaking(b.protection!, 'requestedOn', named(['2026-02-30', '令和0年1月1日'])),
    ...breaking(b.protection!, 'endsOn', named(['1999-01-01'])),
    ...breaking(b.protection!, 'remark', characters.slice(2, 4)),
    ...breaking(b.settings!, 'sealImage', [
      { name: '350,001 characters', value: 'A'.repeat(350_001) },
      { name: 'not an image', value: Buffer.from('#!/bin/sh\nrm -rf /\n').toString('base64') },
      { name: 'a PNG over 256 KiB', value: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(257 * 1024)]).toString('base64') },
    ]),
    ...breaking(b.settings!, 'deputyFrom', named(['2026-02-30', '令和0年4月1日'])),
    ...breaking(b.settings!, 'mayorName', characters.slice(0, 3)),
    // An unknown key is named by the object that holds it (body), as zod reports it.
    ...breaking(b.settings!, 'mayorname', [{ name: 'a misspelt field', value: '千代田　太郎' }]).map((c) => ({ ...c, field: 'body' })),
    rawCase(b.settings!, 'an upload over the body limit', JSON.stringify({ sealImage: 'A'.repeat(1_100_000) }), 413),
    rawCase({ route: `POST ${BASE}/ex-officio-correction`, url: `${BASE}/ex-officio-correction`, as: 'admin', accepted: 0, body: () => ({}) }, 'items: a field that is no correctable item',
      JSON.stringify({ effectiveDate: today, person: { residentId: fx.family.child.residentId, version: fx.family.child.version }, items: { isAdmin: true } }), 422, 'body.items'),
    // Reads with a path or query the route must refuse.
    get(`${BASE}/persons/{addresseeNo}`, `${BASE}/persons/${wrongDigit(fx.family.head.addresseeNo)}`, 'a 宛名番号 with a wrong check digit'),
    ...BAD_DATES.map((d) => get(`${BASE}/persons/{addresseeNo}/as-of/{date}`, `${BASE}/persons/${fx.family.head.addresseeNo}/as-of/${encodeURIComponent(d)}`, `as of ${d}`, 422, 'param.date')),
    get(`${BASE}/search`, `${BASE}/search?myNumber=${NOT_MY_NUMBERS[2]}`, 'a 個人番号 with a wrong check digit', 422, 'query.myNumber'),
    get(`${BASE}/search`, `${BASE}/search?birthDate=${encodeURIComponent('令和0年1月1日')}`, 'born on 令和0年1月1日', 422, 'query.birthDate'),
    get(`${BASE}/search`, `${BASE}/search?limit=1&offset=${'9'.repeat(25)}`, 'an offset past any integer', 422, 'query.offset'),
    get('/api/v1/addressee/search', `/api/v1/addressee/search?corporateNumber=${wrongDigit(corporation.corporateNumber)}`, 'a 法人番号 with a wrong check digit', 422, 'query.corporateNumber'),
    // Drafts and checks: unknown procedures, ones that name Object.prototype, and input that is not one.
    ...['noSuchProcedure', '__proto__', 'constructor', 'toString', 'hasOwnProperty'].flatMap((procedure) => (['drafts', 'checks'] as const).map((what) => rawCase(
      { route: `POST ${BASE}/${what}`, url: `${BASE}/${what}`, as: 'admin', accepted: 0, body: () => ({}) }, `procedure ${procedure}`, JSON.stringify({ procedure, input: moveInBody() }), 422))),
    rawCase({ route: `POST ${BASE}/drafts`, url: `${BASE}/drafts`, as: 'admin', accepted: 0, body: () => ({}) }, 'input: 10,000 nested arrays', `{"procedure":"moveIn","input":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 422),
    rawCase({ route: `POST ${BASE}/checks`, url: `${BASE}/checks`, as: 'admin', accepted: 0, body: () => ({}) }, 'input: a 転入 on 2026-02-30', JSON.stringify({ procedure: 'moveIn', input: { ...moveInBody(), effectiveDate: '2026-02-30' } }), 422),
    rawCase({ route: `POST ${BASE}/drafts/{draftId}/approve`, url: `${BASE}/drafts/${fx.draftId}/approve`, as: 'admin', accepted: 0, body: () => ({}) }, 'a version that was never', JSON.stringify({ version: 999 }), 409),
    // 宛名: 住登外者 and 法人.
    ...breaking(b.nonResident!, 'myNumber', [{ name: 'wrong check digit', value: NOT_MY_NUMBERS[3] }]),
    ...breaking(b.nonResident!, 'birthDate', named(['2026-02-30', '令和0年1月1日', '0000-01-01'])),
    ...breaking(b.nonResident!, 'name', characters.slice(0, 4)),
    ...breaking(b.nonResident!, 'sex', named(['9'])),
    ...breaking(b.corporation!, 'corporateNumber', [{ name: 'wrong check digit', value: wrongDigit('3010001088782') }, { name: 'full-width digits', value: '３０１０００１０８８７８２' }]),
    ...breaking(b.corporation!, 'name', characters.slice(3, 7)),
    ...breaking(b.corporation!, 'address.text', [{ name: '1,000,000 characters', value: HUGE }, ...characters.slice(0, 1)]),
    rawCase({ route: 'POST /api/v1/addressee/lookups/by-my-number', url: '/api/v1/addressee/lookups/by-my-number', as: 'admin', accepted: 0, body: () => ({}) }, 'a 個人番号 with a wrong check digit', JSON.stringify({ myNumber: NOT_MY_NUMBERS[4] }), 422, 'body.myNumber'),
    ...platformCases(fx),
    ...operatorCases(fx),
  ];
}

export const allBases = (fx: Fixture): Base[] => [...Object.values(registryBases(fx)), ...Object.values(platformBases(fx)), ...Object.values(operatorBases(fx))];
