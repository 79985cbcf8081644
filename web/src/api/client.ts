/**
 * The one way the UI reaches the server: openapi-fetch over the generated route types (schema.d.ts,
 * `npm run web:api`). The session is the HttpOnly cookie; state-changing requests carry the CSRF token
 * the sign-in (or /auth/me) answered.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

/** When the server last heard from this screen: its idle timeout counts from there (idle.ts). */
export let lastActivity = Date.now();

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onResponse({ response }) {
    lastActivity = Date.now();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

/** A problem+json answer (RFC 9457) as the server writes it: Japanese title and detail, fields for validation. */
export interface Problem {
  title?: string;
  detail?: string;
  errors?: { field: string; rule: string; message: string }[];
}

/** The message to show for a failed call, in Japanese, with each field's own message. */
export function problemText(error: unknown): string {
  const p = (error ?? {}) as Problem;
  const lines = [p.detail ?? p.title ?? '処理できませんでした'];
  for (const e of p.errors ?? []) lines.push(`${e.field}: ${e.message}`);
  return lines.join('\n');
}
