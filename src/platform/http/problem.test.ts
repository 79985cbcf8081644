import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldProblems } from './problem.ts';
import './zod-locale.ts';

describe('fieldProblems', () => {
  const schema = z.object({
    tenantCode: z.string(),
    birthDate: z.iso.date(),
    relationship: z.string().superRefine((v, ctx) => {
      if (v === '孫') ctx.addIssue({ code: 'custom', message: '続柄「孫」は使えません（「子の子」）', params: { rule: 'relationship.whitelist' } });
    }),
  });

  it('names the field, the rule and a Japanese message for each failure', () => {
    const result = schema.safeParse({ birthDate: '2026-02-30x', relationship: '孫' });
    expect(fieldProblems(result.error!.issues, 'body')).toEqual([
      { field: 'body.tenantCode', rule: 'required', message: 'body.tenantCode: 必須項目です' },
      { field: 'body.birthDate', rule: 'format:date', message: expect.stringMatching(/^body\.birthDate: .*(日付|date)/) },
      { field: 'body.relationship', rule: 'relationship.whitelist', message: 'body.relationship: 続柄「孫」は使えません（「子の子」）' },
    ]);
  });
});
