import { z } from '@hono/zod-openapi';

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:yakuba:problem:validation' }),
    title: z.string().openapi({ example: '入力内容に誤りがあります' }),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), rule: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const descriptions: Record<number, string> = {
  400: '要求の形式が正しくない',
  404: '対象が見つからない',
  409: '現在の状態と矛盾する',
  401: 'サインインしていない',
  403: '権限がない',
  413: '要求が大きすぎる',
  429: '試行回数が多すぎる',
  422: '入力内容に誤りがある',
};

/** OpenAPI entries for the problem+json answers a route can give. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s] ?? 'エラー', content: { 'application/problem+json': { schema: ProblemSchema } } }]),
  );
}

/** A JSON body or response of `schema`, as route definitions write it. */
export const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
