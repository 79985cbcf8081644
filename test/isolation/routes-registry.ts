/** The resident registry's routes (/api/v1/resident-registry) in the request catalogue. */
import { MY_NUMBERS } from '../fixtures/my-numbers.ts';
import { pick } from './pools.ts';
import { addresseeOf, daysAgo, householdOf, nameOf, personOf, SP, streetOf, today, type BuildContext, type RouteCase } from './routes.ts';

const RR = '/api/v1/resident-registry';

const newPerson = (c: BuildContext, relationship = '世帯主') => ({
  residentKind: 'japanese', ...nameOf(c, ['五郎', '六郎', '七子', '八郎'][c.serial % 4], ['ゴロウ', 'ロクロウ', 'ナナコ', 'ハチロウ'][c.serial % 4]),
  registeredDomicile: streetOf(c, 1), familyRegisterHead: `${c.actor.marker.name}${SP}太郎`,
  birthDate: `19${String(40 + (c.serial % 50)).padStart(2, '0')}-0${1 + (c.serial % 9)}-1${c.serial % 10}`, sex: String(1 + (c.serial % 2)), relationship,
  previousAddress: { text: '福岡県福岡市中央区天神1丁目8番1号' },
  residentCode: String(40_000_000_000 + c.ai * 5_000_000_000 + c.serial * 7919),
});

const newForeigner = (c: BuildContext) => ({
  residentKind: 'foreign', nameAlphabet: `${c.actor.marker.alphabet} MEI`, nameKana: `${c.actor.marker.kana}・メイ`, birthDate: `19${60 + (c.serial % 40)}-02-0${1 + (c.serial % 9)}`, sex: '2', relationship: '世帯主',
  foreign: { nationality: '韓国', category: 'mid_long_term', becameForeignResidentOn: daysAgo(5), residenceStatus: '技術・人文知識・国際業務', periodOfStay: '3年', periodOfStayExpiresOn: '2029-03-31', residenceCardNo: `CD${String(10_000_000 + c.serial).slice(-8)}EF` },
});

/** Where newcomers go: a new household of the actor, or (aimed at the other tenant) one of its households. */
const destination = (c: BuildContext) => {
  if (c.target !== c.actor) {
    const h = householdOf(c.target, c.n);
    return h && { type: 'existing', household: h.lock };
  }
  return { type: 'new', address: { text: streetOf(c, 30 + (c.serial % 50)) } };
};

const header = { effectiveDate: daysAgo(3), notifiedDate: today };
const personHeader = (c: BuildContext) => {
  const person = personOf(c.target, c.n);
  return person && { ...header, person };
};
const householdBody = (c: BuildContext) => {
  const h = householdOf(c.target, c.n);
  return h && { household: h.lock, residentIds: [h.members[c.n % h.members.length] ?? h.members[0]].filter(Boolean), members: h.members };
};

const moveIn = (c: BuildContext) => {
  const d = destination(c);
  return d && { ...header, kind: 'domestic', destination: d, persons: [newPerson(c, d.type === 'new' ? '世帯主' : '同居人')] };
};
const moveWithin = (c: BuildContext) => {
  const h = householdBody(c);
  return h && { ...header, from: h.household, residentIds: h.members, destination: { type: 'same', address: { text: streetOf(c, 60 + (c.serial % 30)) } } };
};

export const registryRoutes: RouteCase[] = [
  { route: `POST ${RR}/move-in`, names: 'object', build: (c) => { const b = moveIn(c); return b && { method: 'POST', path: `${RR}/move-in`, body: b }; } },
  {
    route: `POST ${RR}/foreign-resident-notification`, names: 'object',
    build: (c) => { const d = destination(c); return d && { method: 'POST', path: `${RR}/foreign-resident-notification`, body: { ...header, destination: d, persons: [newForeigner(c)] } }; },
  },
  { route: `POST ${RR}/move-within`, names: 'object', build: (c) => { const b = moveWithin(c); return b && { method: 'POST', path: `${RR}/move-within`, body: b }; } },
  {
    route: `POST ${RR}/move-out`, names: 'object',
    build: (c) => { const h = householdBody(c); return h && { method: 'POST', path: `${RR}/move-out`, body: { effectiveDate: today, notifiedDate: today, kind: 'domestic', household: h.household, residentIds: h.members, destination: { text: '大阪府大阪市北区中之島1丁目3番20号' } } }; },
  },
  {
    route: `POST ${RR}/move-in-notice`, names: 'object',
    build: (c) => { const p = personOf(c.target, c.n); return p && { method: 'POST', path: `${RR}/move-in-notice`, body: { person: p, noticeOn: today, movedInOn: daysAgo(1), confirmedDestination: { text: '大阪府大阪市北区中之島1丁目3番20号' } } }; },
  },
  { route: `GET ${RR}/move-in-notices/awaiting`, names: 'none', build: () => ({ method: 'GET', path: `${RR}/move-in-notices/awaiting`, query: { removedBy: today } }) },
  { route: `POST ${RR}/reissue`, names: 'object', build: (c) => { const h = householdOf(c.target, c.n); return h && { method: 'POST', path: `${RR}/reissue`, body: { effectiveDate: today, household: h.lock } }; } },
  {
    route: `POST ${RR}/birth`, names: 'object',
    build: (c) => {
      const h = householdOf(c.target, c.n);
      return h && { method: 'POST', path: `${RR}/birth`, body: { effectiveDate: daysAgo(2), notifiedDate: today, destination: { type: 'existing', household: h.lock }, person: { ...newPerson(c, '子'), birthDate: daysAgo(2), previousAddress: undefined, residentCode: undefined } } };
    },
  },
  {
    route: `POST ${RR}/death`, names: 'object',
    build: (c) => { const h = householdBody(c); return h && { method: 'POST', path: `${RR}/death`, body: { effectiveDate: daysAgo(1), notifiedDate: today, kind: 'death', residentId: h.residentIds[0], household: h.household } }; },
  },
  { route: `POST ${RR}/household-change`, names: 'object', build: (c) => { const h = householdOf(c.target, c.n); return h && { method: 'POST', path: `${RR}/household-change`, body: { kind: 'reorder', effectiveDate: today, household: h.lock } }; } },
  {
    route: `POST ${RR}/ex-officio-correction`, names: 'object',
    build: (c) => { const h = personHeader(c); return h && { method: 'POST', path: `${RR}/ex-officio-correction`, body: { ...h, items: { addressSupplement: `${c.actor.marker.name}荘${c.serial % 900}` } } }; },
  },
  {
    route: `POST ${RR}/name-change`, names: 'object',
    build: (c) => { const h = personHeader(c); return h && { method: 'POST', path: `${RR}/name-change`, body: { ...h, name: `${c.actor.marker.name}${SP}改${c.serial % 2 ? '一' : '二'}` } }; },
  },
  {
    route: `POST ${RR}/former-surname`, names: 'object',
    build: (c) => { const h = personHeader(c); return h && { method: 'POST', path: `${RR}/former-surname`, body: { ...h, action: 'entry', formerSurname: c.actor.marker.name, formerSurnameKana: c.actor.marker.kana } }; },
  },
  {
    route: `POST ${RR}/alias`, names: 'object',
    build: (c) => { const h = personHeader(c); return h && { method: 'POST', path: `${RR}/alias`, body: { ...h, action: 'entry', alias: `${c.actor.marker.name}${SP}明`, aliasKana: `${c.actor.marker.kana}${SP}アキラ`, municipality: c.ai === 0 ? '千代田区' : '中央区' } }; },
  },
  {
    route: `POST ${RR}/residence-status`, names: 'object',
    build: (c) => { const h = personHeader(c); return h && { method: 'POST', path: `${RR}/residence-status`, body: { ...h, foreign: { residenceStatus: '永住者', periodOfStay: '無期限' } } }; },
  },
  {
    route: `POST ${RR}/naturalization`, names: 'object',
    build: (c) => { const h = personHeader(c); return h && { method: 'POST', path: `${RR}/naturalization`, body: { ...h, kind: 'naturalization', ...nameOf(c, '帰化', 'キカ'), registeredDomicile: streetOf(c, 1), familyRegisterHead: nameOf(c, '帰化').name } }; },
  },
  {
    route: `POST ${RR}/nationality-loss`, names: 'object',
    build: (c) => { const h = personHeader(c); return h && { method: 'POST', path: `${RR}/nationality-loss`, body: { ...h, foreign: { nationality: '米国', category: 'mid_long_term', residenceStatus: '定住者', periodOfStay: '5年', periodOfStayExpiresOn: '2031-01-01' } } }; },
  },
  {
    route: `POST ${RR}/resident-code`, names: 'object',
    build: (c) => { const h = personHeader(c); return h && { method: 'POST', path: `${RR}/resident-code`, body: { ...h, kind: 'change_request', residentCode: String(60_000_000_000 + c.ai * 5_000_000_000 + c.serial * 7919) } }; },
  },
  {
    route: `POST ${RR}/my-number`, names: 'object',
    build: (c) => { const h = personHeader(c); return h && { method: 'POST', path: `${RR}/my-number`, body: { ...h, kind: 'ex_officio_entry', myNumber: MY_NUMBERS[c.serial % MY_NUMBERS.length] } }; },
  },
  {
    route: `POST ${RR}/protections`, names: 'object',
    build: (c) => { const no = addresseeOf(c.target, c.n); return no && { method: 'POST', path: `${RR}/protections`, body: { addresseeNo: no, requestedOn: today, startsOn: today, restrictions: { inquiry: 'none', issue: 'alert', change: 'alert' } } }; },
  },
  { route: `GET ${RR}/protections`, names: 'none', build: () => ({ method: 'GET', path: `${RR}/protections`, query: { includeEnded: 'true' } }) },
  ...(['extension', 'end', 'releases'] as const).map((action): RouteCase => ({
    route: `POST ${RR}/protections/{protectionId}/${action}`, names: 'object',
    build: (c) => {
      const id = pick(c.target.pools.protectionIds, c.n);
      if (!id) return undefined;
      const version = c.target.pools.versions.get(id) ?? 1;
      const body = action === 'extension' ? { version } : action === 'end' ? { version, reason: 'not_needed' } : { process: 'inquiry', reason: '本人確認のため', minutes: 5 };
      return { method: 'POST', path: `${RR}/protections/${id}/${action}`, body };
    },
  })),
  { route: `GET ${RR}/protections/{protectionId}`, names: 'object', build: (c) => { const id = pick(c.target.pools.protectionIds, c.n); return id && { method: 'GET', path: `${RR}/protections/${id}` }; } },
  {
    route: `POST ${RR}/ex-officio-entry`, names: 'object',
    build: (c) => { const d = destination(c); return d && { method: 'POST', path: `${RR}/ex-officio-entry`, body: { effectiveDate: daysAgo(4), kind: 'address_setting', destination: d, persons: [newPerson(c, d.type === 'new' ? '世帯主' : '同居人')] } }; },
  },
  {
    route: `POST ${RR}/ex-officio-removal`, names: 'object',
    build: (c) => { const h = householdBody(c); return h && { method: 'POST', path: `${RR}/ex-officio-removal`, body: { effectiveDate: daysAgo(1), household: h.household, residentIds: h.members } }; },
  },
  {
    route: `POST ${RR}/clerical-correction`, names: 'object',
    build: (c) => { const p = personOf(c.target, c.n); return p && { method: 'POST', path: `${RR}/clerical-correction`, body: { ...p, historyNo: 1, items: { registeredDomicile: streetOf(c, 2) } } }; },
  },
  { route: `POST ${RR}/cancellation`, names: 'object', build: (c) => { const id = pick(c.target.pools.changeIds, c.n); return id && { method: 'POST', path: `${RR}/cancellation`, body: { changeId: id } }; } },
  {
    route: `POST ${RR}/certificates`, names: 'object',
    build: (c) => { const no = addresseeOf(c.target, c.n); return no && { method: 'POST', path: `${RR}/certificates`, body: { kind: 'resident', addresseeNos: [no], form: 'individual', requester: { kind: 'self' } } }; },
  },
  { route: `GET ${RR}/certificates`, names: 'none', build: (c) => ({ method: 'GET', path: `${RR}/certificates`, query: c.n % 2 ? { addresseeNo: addresseeOf(c.target, c.n) ?? '0000000019' } : undefined }) },
  { route: `GET ${RR}/certificate-settings`, names: 'none', build: () => ({ method: 'GET', path: `${RR}/certificate-settings` }) },
  { route: `PUT ${RR}/certificate-settings`, names: 'none', build: (c) => ({ method: 'PUT', path: `${RR}/certificate-settings`, body: { mayorTitle: '区長', mayorName: `${c.actor.marker.name}${SP}区長` } }) },
  ...['', '/history', `/as-of/${daysAgo(1)}`].map((suffix): RouteCase => ({
    route: `GET ${RR}/persons/{addresseeNo}${suffix.startsWith('/as-of') ? '/as-of/{date}' : suffix}`, names: 'object',
    build: (c) => { const no = addresseeOf(c.target, c.n); return no && { method: 'GET', path: `${RR}/persons/${no}${suffix}` }; },
  })),
  ...['', '/domicile-candidates'].map((suffix): RouteCase => ({
    route: `GET ${RR}/households/{householdNo}${suffix}`, names: 'object',
    build: (c) => { const no = pick(c.target.pools.householdNos, c.n); return no && { method: 'GET', path: `${RR}/households/${no}${suffix}` }; },
  })),
  { route: `GET ${RR}/address-supplements`, names: 'none', build: (c) => ({ method: 'GET', path: `${RR}/address-supplements`, query: { address: c.target.code === c.actor.code ? streetOf(c, 1) : `東京都${c.ai === 0 ? '中央区銀座' : '千代田区丸の内'}1丁目1番1号` } }) },
  {
    route: `GET ${RR}/search`, names: 'none',
    build: (c) => {
      const t = c.target;
      const queries: Record<string, string>[] = [{ kanaPrefix: t.marker.kana }, { name: t.marker.name, match: 'partial' }, { addresseeNo: addresseeOf(t, c.n) ?? '0000000019' }, { householdNo: pick(t.pools.householdNos, c.n) ?? '0000000019' }, { address: c.ai === 0 ? '銀座' : '丸の内', match: 'partial', includeRemoved: 'true' }];
      return { method: 'GET', path: `${RR}/search`, query: queries[c.n % queries.length] };
    },
  },
  { route: `POST ${RR}/drafts`, names: 'object', build: (c) => { const b = moveWithin(c); return b && { method: 'POST', path: `${RR}/drafts`, body: { procedure: 'moveWithin', input: b } }; } },
  { route: `GET ${RR}/drafts`, names: 'none', build: () => ({ method: 'GET', path: `${RR}/drafts` }) },
  { route: `POST ${RR}/checks`, names: 'object', build: (c) => { const b = moveWithin(c); return b && { method: 'POST', path: `${RR}/checks`, body: { procedure: 'moveWithin', input: b } }; } },
  ...['', '/confirmation'].map((suffix): RouteCase => ({
    route: `GET ${RR}/drafts/{draftId}${suffix}`, names: 'object',
    build: (c) => { const id = pick(c.target.pools.draftIds, c.n); return id && { method: 'GET', path: `${RR}/drafts/${id}${suffix}` }; },
  })),
  ...(['approve', 'withdraw'] as const).map((action): RouteCase => ({
    route: `POST ${RR}/drafts/{draftId}/${action}`, names: 'object',
    build: (c) => { const id = pick(c.target.pools.draftIds, c.n); return id && { method: 'POST', path: `${RR}/drafts/${id}/${action}`, body: { version: c.target.pools.versions.get(id) ?? 1 } }; },
  })),
  {
    route: `POST ${RR}/drafts/approvals`, names: 'object',
    refusedWhen: (body) => (body as { results?: { approved: boolean }[] }).results?.every((r) => !r.approved) ?? false,
    build: (c) => { const id = pick(c.target.pools.draftIds, c.n); return id && { method: 'POST', path: `${RR}/drafts/approvals`, body: { drafts: [{ draftId: id, version: c.target.pools.versions.get(id) ?? 1 }] } }; },
  },
  { route: `POST ${RR}/notices/change-accepted`, names: 'object', build: (c) => { const id = pick(c.target.pools.changeIds, c.n); return id && { method: 'POST', path: `${RR}/notices/change-accepted`, body: { changeId: id, notifierName: nameOf(c).name } }; } },
  { route: `POST ${RR}/notices/resident-code`, names: 'object', build: (c) => { const id = pick(c.target.pools.changeIds, c.n); return id && { method: 'POST', path: `${RR}/notices/resident-code`, body: { changeId: id } }; } },
  { route: `POST ${RR}/notices/move-in-notice-inquiry`, names: 'object', build: (c) => { const id = pick(c.target.pools.residentIds, c.n); return id && { method: 'POST', path: `${RR}/notices/move-in-notice-inquiry`, body: { residentId: id } }; } },
];
