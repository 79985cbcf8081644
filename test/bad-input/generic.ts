/**
 * The generic cases: made for every route from its OpenAPI description alone (access, zones, path and
 * query parameters, body schema), so a new route gets them without a line here. Each case breaks one
 * thing the description itself forbids, so each must be refused whatever the route does.
 */
import { operatorPermissions } from '../../src/platform/identity/principal.ts';
import { fillPath, withQuery, type Case, type Caller, type PathValues } from './case.ts';
import {
  BAD_DATES, BAD_PATH_IDS, HUGE, INVALID_UTF8, MALFORMED_JSON, NOT_AN_OBJECT, SCRIPT_INJECTION, SQL_INJECTION,
  deepArrays, deepObjects, jsonWithRaw, raw, withRawBytes,
} from './hostile.ts';
import type { Parameter, Route, RouteList, Schema } from './routes.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FULL_WIDTH_DIGITS = '１２３４５６７８９０１２';

export interface GenericContext {
  list: RouteList;
  pathValues: PathValues;
  /** Over the server's body limit. */
  maxBodyBytes: number;
}

export function genericCases(ctx: GenericContext): Case[] {
  return [
    ...methodCases(ctx),
    ...ctx.list.routes.flatMap((route) => [...authCases(route), ...pathCases(ctx, route), ...queryCases(ctx, route), ...(route.body ? bodyCases(ctx, route) : [])]),
  ];
}

let turn = 0;
/**
 * `n` of `values`, a different few at each call: variants of one idea (six impossible dates, seven
 * ways to break JSON) take turns across fields and routes, so the corpus holds every variant without
 * multiplying each field by all of them.
 */
function some<T>(values: readonly T[], n: number): T[] {
  const start = turn++;
  return Array.from({ length: Math.min(n, values.length) }, (_, i) => values[(start + i) % values.length]!);
}

/** For each path, a method it does not have: 405 with the methods it has. */
function methodCases(ctx: GenericContext): Case[] {
  const byPath = new Map<string, Route[]>();
  for (const r of ctx.list.routes) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  return [...byPath.values()].flatMap((routes) => {
    const method = ['DELETE', 'PATCH', 'PUT', 'POST'].find((m) => !routes.some((r) => r.method === m));
    if (!method) return [];
    const route = routes[0]!;
    return [{ route: route.key, family: 'method', name: `${method} on a path without it`, method, url: urlOf(ctx, route), as: callerFor(route), status: 405 }];
  });
}

/** The route's URL with plausible path values and its required query parameters. */
function urlOf(ctx: GenericContext, route: Route, override: { path?: Record<string, string>; query?: Record<string, string>; omit?: string } = {}): string {
  const query: Record<string, string> = {};
  for (const q of route.query) if (q.required && q.name !== override.omit) query[q.name] = String(ctx.list.plausible(q.schema));
  return withQuery(fillPath(route.path, ctx.pathValues, override.path), { ...query, ...override.query });
}

/** Whether only an operator may call the route: 団体 registration (tenants:manage) and the operator's console (operator:*). */
const operatorOnly = (route: Route) => 'permission' in route.access && (route.access.permission === 'tenants:manage' || route.access.permission.startsWith('operator:'));

/** The administrator for business routes; the operator where only an operator may. */
function callerFor(route: Route): Caller {
  return operatorOnly(route) ? 'operator' : 'admin';
}

function plausibleBody(ctx: GenericContext, route: Route): string | undefined {
  if (!route.body) return undefined;
  const value = ctx.list.plausible(route.body.schema);
  return isForm(route) ? new URLSearchParams(value as Record<string, string>).toString() : JSON.stringify(value);
}

const isForm = (route: Route) => route.body?.mediaType === 'application/x-www-form-urlencoded';

function authCases(route: Route): Case[] {
  const base = { route: route.key, method: route.method, family: 'auth' };
  const url = route.path.replace(/\{[^}]+\}/g, 'x');
  const cases: Case[] = [];
  if (!route.zones.includes('internet')) {
    cases.push({ ...base, family: 'zone', name: 'from the internet zone, where it does not exist', url, as: 'admin', zone: 'internet', status: 404 });
  }
  if ('public' in route.access) return cases;
  cases.push({ ...base, name: 'nobody signed in', url, as: 'anonymous', status: 401 });
  cases.push({ ...base, name: 'forged session cookie', url, as: 'anonymous', headers: { cookie: 'yakuba_session=forged-0000000000000000000000000000000000000000' }, status: 401 });
  if (UNSAFE.has(route.method)) {
    cases.push({ ...base, name: 'no CSRF token', url, as: 'admin', headers: { 'X-CSRF-Token': '' }, status: 403 });
    cases.push({ ...base, name: 'forged CSRF token', url, as: 'admin', headers: { 'X-CSRF-Token': 'f'.repeat(43) }, status: 403 });
  }
  if ('permission' in route.access && !operatorPermissions.has(route.access.permission)) {
    cases.push({ ...base, name: `operator without ${route.access.permission}`, url, as: 'operator', status: 403 });
  }
  // No 団体 role can hold the operator's permissions, the administrator's included.
  if ('permission' in route.access && operatorOnly(route)) {
    cases.push({ ...base, name: `administrator without ${route.access.permission}`, url, as: 'admin', status: 403 });
  }
  return cases;
}

function pathCases(ctx: GenericContext, route: Route): Case[] {
  const body = plausibleBody(ctx, route);
  return route.params.flatMap((param) => {
    const type = ctx.list.typeOf(param.schema);
    const extra = type === 'integer' ? [{ name: 'negative', segment: '-1' }, { name: 'fraction', segment: '2026.5' }, { name: 'hex', segment: '0x7EA' }] : [];
    // A 団体 other than one's own is refused before validation; the operator reaches it (where permitted).
    const as: Caller = param.name === 'tenantCode' && 'permission' in route.access && operatorPermissions.has(route.access.permission) ? 'operator' : callerFor(route);
    const [nul, huge, sqlInjection, traversal, ...others] = [BAD_PATH_IDS[1]!, BAD_PATH_IDS[2]!, BAD_PATH_IDS[3]!, BAD_PATH_IDS[4]!, BAD_PATH_IDS[0]!, ...BAD_PATH_IDS.slice(5)];
    const chosen = [nul, huge, sqlInjection, traversal, ...some([...others, ...extra], 2)];
    return chosen.filter(({ segment }) => !admits(ctx, param.schema, segment)).map(({ name, segment }) => ({
      route: route.key, family: 'path', name: `{${param.name}}: ${name}`, method: route.method,
      url: urlOf(ctx, route, { path: { [param.name]: segment } }), as,
      ...(body !== undefined ? { body, contentType: route.body!.mediaType } : {}),
    }));
  });
}

/** Whether the parameter's own pattern or type admits the segment (an employer number may well be `not-an-id`). */
function admits(ctx: GenericContext, schema: Schema, segment: string): boolean {
  const s = ctx.list.resolve(schema);
  let value: string;
  try {
    value = decodeURIComponent(segment);
  } catch {
    return false;
  }
  if (s.pattern && new RegExp(s.pattern, 'u').test(value) && (s.maxLength === undefined || value.length <= s.maxLength)) return true;
  return ctx.list.typeOf(s) === 'integer' && /^[0-9]{1,9}$/.test(value) && !s.enum;
}

/** Query values the parameter's schema forbids. */
function badQueryValues(ctx: GenericContext, param: Parameter): Array<{ name: string; value: string }> {
  const s = ctx.list.resolve(param.schema);
  const type = ctx.list.typeOf(s);
  if (type === 'integer' || type === 'number') {
    return [
      { name: 'not a number', value: 'abc' }, { name: 'fraction', value: '1.5' }, { name: 'overflow to Infinity', value: '1e309' },
      { name: '30 digits', value: '9'.repeat(30) }, { name: 'below the minimum', value: String((s.minimum ?? 0) - 1) },
    ];
  }
  if (type !== 'string') return [];
  if (s.enum) return [{ name: 'SQL injection', value: SQL_INJECTION[0]! }, { name: 'script', value: SCRIPT_INJECTION[0]! }];
  const values: Array<{ name: string; value: string }> = [];
  if (s.format === 'date') values.push(...BAD_DATES.map((d) => ({ name: `date ${d}`, value: d })));
  if (s.pattern) values.push({ name: 'SQL injection', value: SQL_INJECTION[1]! }, { name: 'script', value: SCRIPT_INJECTION[1]! }, { name: 'full-width digits', value: FULL_WIDTH_DIGITS });
  if (s.maxLength !== undefined) values.push({ name: `${s.maxLength + 1} characters`, value: 'x'.repeat(s.maxLength + 1) });
  if ((s.minLength ?? 0) > 0) values.push({ name: 'empty', value: '' });
  return values;
}

function queryCases(ctx: GenericContext, route: Route): Case[] {
  const as = callerFor(route);
  const base = { route: route.key, method: route.method, family: 'query', as };
  const cases: Case[] = [];
  for (const param of route.query) {
    const field = `query.${param.name}`;
    if (param.required) cases.push({ ...base, name: `${param.name} missing`, url: urlOf(ctx, route, { omit: param.name }), status: 422, field });
    for (const { name, value } of badQueryValues(ctx, param)) {
      cases.push({ ...base, name: `${param.name}: ${name}`, url: urlOf(ctx, route, { query: { [param.name]: value } }), status: 422, field });
    }
  }
  return cases;
}

function bodyCases(ctx: GenericContext, route: Route): Case[] {
  const as = callerFor(route);
  const url = urlOf(ctx, route);
  const mediaType = route.body!.mediaType;
  const base = { route: route.key, method: route.method, url, as };
  const plausible = plausibleBody(ctx, route)!;
  const { properties, required } = ctx.list.propertiesOf(route.body!.schema);
  const otherTypes = [
    { name: 'application/xml', body: '<a>1</a>', type: 'application/xml' },
    { name: 'multipart/form-data', body: plausible, type: 'multipart/form-data; boundary=x' },
    { name: mediaType === 'application/json' ? 'form-urlencoded' : 'JSON', body: plausible, type: mediaType === 'application/json' ? 'application/x-www-form-urlencoded' : 'application/json' },
  ];
  const cases: Case[] = [
    { ...base, family: 'content-type', name: 'text/plain', body: plausible, contentType: 'text/plain', status: 415 },
    { ...base, family: 'content-type', name: 'no content-type', body: plausible, contentType: null, status: 415 },
    ...some(otherTypes, 1).map((t) => ({ ...base, family: 'content-type', name: t.name, body: t.body, contentType: t.type, status: 415 })),
    { ...base, family: 'size', name: `body over ${ctx.maxBodyBytes} bytes`, body: `{"a":"${'x'.repeat(ctx.maxBodyBytes)}"}`, contentType: mediaType, status: 413 },
  ];
  if (mediaType === 'application/json') {
    for (const m of some(MALFORMED_JSON, 2)) cases.push({ ...base, family: 'body-json', name: `malformed: ${m.name}`, body: m.text, status: 400 });
    for (const text of some(NOT_AN_OBJECT, 1)) cases.push({ ...base, family: 'body-json', name: `not an object: ${text}`, body: text, status: 422 });
    cases.push({ ...base, family: 'body-json', name: '10,000 nested arrays', body: deepArrays(10_000), status: 422 });
    cases.push({ ...base, family: 'body-json', name: '10,000 nested objects', body: deepObjects(10_000), status: 422 });
    for (const b of some(INVALID_UTF8, 1)) cases.push({ ...base, family: 'body-json', name: `invalid UTF-8 (${b.name})`, body: withRawBytes('{"a": "__BYTES__"}', b.bytes), status: 400 });
    if (required.length > 0) {
      cases.push({ ...base, family: 'body-json', name: 'empty object', body: '{}', status: 422, field: `body.${required[0]}` });
      cases.push({
        ...base, family: 'body-json', name: 'prototype keys and unknown fields only', status: 422, field: `body.${required[0]}`,
        body: '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"polluted": 1}}, "unexpected": 1}',
      });
    }
  }
  const plausibleValue = ctx.list.plausible(route.body!.schema) as Record<string, unknown>;
  for (const [name, schema] of Object.entries(properties)) {
    for (const bad of badFieldValues(ctx, schema, mediaType)) {
      const value = { ...plausibleValue, [name]: bad.value };
      const body = mediaType === 'application/json' ? jsonWithRaw(value) : new URLSearchParams(value as Record<string, string>).toString();
      cases.push({ ...base, family: 'body-field', name: `${name}: ${bad.name}`, body, contentType: mediaType, status: 422, field: `body.${name}` });
    }
  }
  return cases;
}

/** Values the field's schema forbids: the wrong type, then what its format, pattern, choices or length forbid. */
function badFieldValues(ctx: GenericContext, schema: Schema, mediaType: string): Array<{ name: string; value: unknown }> {
  const s = ctx.list.resolve(schema);
  const type = ctx.list.typeOf(s);
  const form = mediaType !== 'application/json';
  const values: Array<{ name: string; value: unknown }> = [];
  if (!form) {
    if (type === 'string') values.push({ name: 'a number', value: 12345 }, { name: 'an object', value: { a: 1 } });
    if (type === 'integer' || type === 'number') {
      values.push({ name: 'a string', value: '12345' }, { name: '1e400 (Infinity)', value: raw('1e400') });
      if (type === 'integer') values.push({ name: 'a fraction', value: 1.5 }, { name: '2^53 + 1', value: raw('9007199254740993') });
    }
    if (type === 'boolean') values.push({ name: 'the string "true"', value: 'true' });
    if (type === 'array') values.push({ name: 'an object', value: { 0: 1 } }, { name: '10,000 nested arrays', value: raw(deepArrays(10_000)) });
    if (type === 'object') values.push({ name: 'an array', value: [] }, { name: 'a string', value: 'x' });
  }
  if (type === 'string') {
    if (s.enum) values.push({ name: 'SQL injection', value: SQL_INJECTION[1] }, { name: 'script', value: SCRIPT_INJECTION[0] });
    if (s.format === 'date') values.push(...some(BAD_DATES, 2).map((d) => ({ name: `date ${d}`, value: d })));
    if (s.format === 'uuid') values.push({ name: 'not a uuid', value: 'not-a-uuid' }, { name: 'SQL injection', value: SQL_INJECTION[0] });
    if (s.format === 'email') values.push({ name: 'not an address', value: 'a@b@c' }, { name: 'script', value: SCRIPT_INJECTION[1] });
    if (s.pattern) values.push({ name: 'SQL injection', value: SQL_INJECTION[0] }, { name: 'full-width digits', value: FULL_WIDTH_DIGITS });
    if (s.maxLength !== undefined && s.maxLength < HUGE.length) values.push({ name: `${s.maxLength + 1} characters`, value: 'x'.repeat(s.maxLength + 1) });
    values.push({ name: '1,000,000 characters', value: HUGE });
    // No field may hold these, whatever its schema says: PostgreSQL refuses a NUL, and an unpaired
    // surrogate cannot be written as UTF-8.
    // (A form body cannot carry an unpaired surrogate: URL encoding writes it as U+FFFD.)
    if (!s.enum) values.push({ name: 'NUL', value: 'a\u0000b' }, ...(form ? [] : [{ name: 'unpaired surrogate', value: 'a\uD800b' }]));
  }
  return values;
}
