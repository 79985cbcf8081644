/** One request of the corpus and what it must get. */

/** Who sends it: the 団体's administrator, the platform operator, or nobody signed in. */
export type Caller = 'admin' | 'operator' | 'anonymous';

export interface Case {
  /** The route it is aimed at, `METHOD /path/{param}` as in the OpenAPI document. */
  route: string;
  /** What kind of fault: auth, zone, method, path, query, body-json, body-field, content-type, size, … */
  family: string;
  name: string;
  method: string;
  /** Path and query, percent-encoded as they go on the wire. */
  url: string;
  as: Caller;
  /** Sent as it stands: text or bytes, never re-encoded. */
  body?: string | Uint8Array;
  /** The content-type header; null sends none. Default: application/json when there is a body. */
  contentType?: string | null;
  /** Extra headers; `X-CSRF-Token: ''` sends none. */
  headers?: Record<string, string>;
  /** Zone of the listener (default individual-number). */
  zone?: 'individual-number' | 'lgwan' | 'internet';
  /** The exact status, where the case knows it (otherwise any 4xx). */
  status?: number;
  /** A 422 must name this field (or a field under it) among its errors. */
  field?: string;
  /** Text the answer must not contain (what a refusal must not give away). */
  mustNotContain?: string;
}

/** Values for the path parameters of a route that name things that exist (or are at least well-formed). */
export type PathValues = Record<string, string>;

/** `/a/{b}/c` with the parameters put in (already encoded values as they stand). */
export function fillPath(template: string, values: PathValues, override: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = override[name] ?? values[name];
    if (value === undefined) throw new Error(`no value for path parameter {${name}} of ${template}: add one to the fixture`);
    return override[name] !== undefined ? value : encodeURIComponent(value);
  });
}

export function withQuery(path: string, query: Record<string, string>): string {
  const text = new URLSearchParams(query).toString();
  return text ? `${path}?${text}` : path;
}
