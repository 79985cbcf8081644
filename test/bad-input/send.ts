/** Sends a case to the in-process app and says what is wrong with the answer, if anything. */
import type { System } from '../../src/system.ts';
import type { Session } from '../support/system.ts';
import type { Case } from './case.ts';

/** Kana or kanji: the title and detail are written for Japanese staff. */
const JAPANESE = /[ぁ-んァ-ヶ一-龠]/;

export interface Answer {
  status: number;
  contentType: string;
  body: { status?: number; title?: string; detail?: string; type?: string; errors?: Array<{ field: string }> } | undefined;
}

export async function send(system: System, c: Case, sessions: { admin: Session; operator: Session }): Promise<Answer> {
  const headers: Record<string, string> = {};
  const session = c.as === 'anonymous' ? undefined : sessions[c.as];
  if (session) {
    headers.cookie = session.cookie;
    headers['X-CSRF-Token'] = session.csrfToken;
  }
  Object.assign(headers, c.headers);
  if (headers['X-CSRF-Token'] === '') delete headers['X-CSRF-Token'];
  let body: string | Uint8Array | undefined = c.body;
  if (body !== undefined) {
    const type = c.contentType === undefined ? 'application/json' : c.contentType;
    // Bytes, not text: a string body would get text/plain from fetch where the case wants none.
    if (type === null) body = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    else headers['content-type'] = type;
  }
  const response = await system.app.request(c.url, { method: c.method, headers, ...(body !== undefined ? { body: body as BodyInit } : {}) }, { zone: c.zone ?? 'individual-number' });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let parsed: Answer['body'];
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, contentType, body: parsed };
}

/** What is wrong with the answer to `c`: nothing (an empty list) when it is a proper refusal. */
export function faults(c: Case, a: Answer): string[] {
  const found: string[] = [];
  if (a.status < 400 || a.status > 499) found.push(`status ${a.status}, not 4xx`);
  else if (c.status !== undefined && a.status !== c.status) found.push(`status ${a.status}, expected ${c.status}`);
  if (!/^application\/problem\+json/.test(a.contentType)) found.push(`content-type ${a.contentType || '(none)'}`);
  if (!a.body) return [...found, 'no JSON body'];
  if (c.mustNotContain && JSON.stringify(a.body).includes(c.mustNotContain)) found.push(`the answer gives away "${c.mustNotContain}"`);
  if (a.body.status !== a.status) found.push(`problem status ${a.body.status} ≠ ${a.status}`);
  if (!JAPANESE.test(a.body.title ?? '')) found.push(`title not Japanese: ${a.body.title}`);
  if (!JAPANESE.test(a.body.detail ?? '')) found.push(`detail not Japanese: ${a.body.detail?.slice(0, 80)}`);
  if (c.field && a.status === 422) {
    // Checks in zod name the field body.x / query.x; those in a service name it x alone.
    const names = [c.field, c.field.replace(/^(body|query)\./, '')];
    const fields = (a.body.errors ?? []).map((e) => e.field);
    if (!fields.some((f) => names.some((n) => f === n || f.startsWith(`${n}.`)))) found.push(`errors do not name ${c.field}: ${fields.slice(0, 5).join(', ')}`);
  }
  return found;
}
