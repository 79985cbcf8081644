import type { MiddlewareHandler } from 'hono';
import { ValidationError, type FieldProblem } from '../errors.ts';
import type { AppEnv } from './context.ts';
import { problem } from './problem.ts';

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why no field can hold `text`: PostgreSQL refuses a NUL (a 500), and an unpaired surrogate has no UTF-8 form (it would be stored as U+FFFD). */
function flaw(text: string): { rule: string; what: string } | undefined {
  if (text.includes('\u0000')) return { rule: 'characters.nul', what: 'NUL文字（U+0000）は使用できません' };
  const lone = LONE_SURROGATE.exec(text);
  if (lone) return { rule: 'characters.unpaired-surrogate', what: `壊れた文字（対になっていないサロゲート U+${lone[0].charCodeAt(0).toString(16).toUpperCase()}）は使用できません` };
  return undefined;
}

const refusal = (field: string, f: { rule: string; what: string }) => new ValidationError([{ field, rule: f.rule, message: `${field}: ${f.what}` } satisfies FieldProblem]);

/**
 * The first string (or key) in a parsed JSON body that no field can hold, with its path as validation
 * errors name fields (`body.persons.0.name`). Iterative, and the path is put together only for the
 * finding: a body may be nested ten thousand deep.
 */
function findInJson(value: unknown): { field: string; flaw: { rule: string; what: string } } | undefined {
  type Entry = { value: unknown; key: string; parent: Entry | undefined };
  const pathOf = (e: Entry): string => {
    const keys: string[] = [];
    for (let at: Entry | undefined = e; at; at = at.parent) keys.push(at.key);
    return keys.reverse().join('.');
  };
  const stack: Entry[] = [{ value, key: 'body', parent: undefined }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const v = entry.value;
    if (typeof v === 'string') {
      const f = flaw(v);
      if (f) return { field: pathOf(entry), flaw: f };
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, key: String(i), parent: entry }));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        const f = flaw(key);
        if (f) return { field: pathOf({ value: key, key, parent: entry }), flaw: f };
        stack.push({ value: item, key, parent: entry });
      }
    }
  }
  return undefined;
}

/**
 * Input that no route can store faithfully, refused for every route before its own validation: a body
 * that is not UTF-8 (a lenient decoder would turn the bytes into U+FFFD and carry on), and a NUL or an
 * unpaired surrogate in the path, the query or any string of a JSON or form body.
 */
export function inputGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    // %00 is the one escape that decodes to NUL (%2500 is a literal "%00").
    if (/%00/.test(url.pathname)) throw refusal('path', flaw('\u0000')!);
    for (const [name, value] of url.searchParams) {
      const f = flaw(value);
      if (f) throw refusal(`query.${name}`, f);
    }
    const type = c.req.header('content-type') ?? '';
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || !(JSON_TYPE.test(type) || FORM_TYPE.test(type))) return next();
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
    } catch {
      return problem(c, 400, 'invalid-encoding', 'リクエスト本文の文字コードが正しくありません', 'リクエスト本文はUTF-8で送ってください（UTF-8として読めないバイト列があります）');
    }
    // What the route's validator reads from now on: this text, not a second, lenient decoding.
    (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
    if (FORM_TYPE.test(type)) {
      for (const [name, value] of new URLSearchParams(text)) {
        const f = flaw(name) ?? flaw(value);
        if (f) throw refusal(`body.${name}`, f);
      }
      return next();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // The route's validator answers it (malformed-json), as it does for every route.
      return next();
    }
    const found = findInJson(parsed);
    if (found) throw refusal(found.field, found.flaw);
    return next();
  };
}
