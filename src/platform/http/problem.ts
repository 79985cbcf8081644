import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { problemType, type FieldProblem } from '../errors.ts';
import { REQUIRED_MESSAGE } from './zod-locale.ts';

/** An RFC 9457 problem document; `errors` lists the failing fields and rules of a validation error. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
}

export function problem(c: Context, status: ContentfulStatusCode, code: string, title: string, detail: string, errors?: FieldProblem[]): Response {
  const body: Problem = {
    type: problemType(code),
    title,
    status,
    detail,
    instance: new URL(c.req.url).pathname,
    requestId: c.get('requestId'),
    ...(errors ? { errors } : {}),
  };
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json; charset=utf-8' });
}

/**
 * zod issues as field problems: the Japanese message, and as the rule zod's stable issue code
 * (`required` for a missing value, `format:<name>` for a string format).
 */
export function fieldProblems(issues: readonly z.core.$ZodIssue[], location?: string): FieldProblem[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [location, path].filter(Boolean).join('.') || '(本文)';
    // A custom check names its rule in params.rule (e.g. 'relationship'); zod's own checks use their code.
    const custom = issue.code === 'custom' && typeof issue.params?.rule === 'string' ? issue.params.rule : undefined;
    const rule = issue.message === REQUIRED_MESSAGE ? 'required' : (custom ?? (issue.code === 'invalid_format' ? `format:${issue.format}` : issue.code));
    return { field, rule, message: `${field}: ${issue.message}` };
  });
}
