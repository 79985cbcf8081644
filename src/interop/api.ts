import { z } from '@hono/zod-openapi';
import { columnOf } from '../platform/data-list.ts';
import { secureRoute } from '../platform/http/access.ts';
import { createRouter } from '../platform/http/router.ts';
import type { Catalog } from './catalog.ts';

const ItemSchema = z.object({
  id: z.string().openapi({ example: 'birthDate' }),
  name: z.string().openapi({ example: '生年月日' }),
  type: z.string().openapi({ example: 'date' }),
  column: z.string(),
  length: z.number().int().optional(),
  pattern: z.string().optional().openapi({ description: '値全体が一致すべき正規表現' }),
  codes: z.record(z.string(), z.string()).optional().openapi({ description: 'コード表（値 → 名称）' }),
  required: z.boolean(),
  checkDigit: z.string().optional(),
  multiline: z.boolean().optional(),
  of: z.string().optional(),
});

const RecordSchema = z.object({
  id: z.string().openapi({ example: 'resident-version', description: 'ファイル名（.csv を除く）' }),
  module: z.string(),
  name: z.string(),
  kind: z.enum(['current', 'history', 'removed', 'setting']),
  key: z.array(z.string()),
  unique: z.array(z.array(z.string())),
  references: z.array(z.object({ items: z.array(z.string()), record: z.string(), to: z.array(z.string()) })),
  items: z.array(ItemSchema),
});

const DataListSchema = z.object({
  modules: z.array(z.object({ id: z.string(), title: z.string(), version: z.string() })),
  records: z.array(RecordSchema),
}).openapi('StandardDataList');

/**
 * The standard layout as data (基本データリスト): what the export writes and the import reads, from the
 * same declarations, for vendors who integrate or migrate.
 */
export function dataListRoutes(catalog: Catalog) {
  const body = {
    modules: catalog.modules,
    records: catalog.records.map(({ module, record }) => ({
      id: record.id, module, name: record.name, kind: record.kind, key: record.key, unique: record.unique ?? [], references: record.references ?? [],
      items: record.items.map((i) => ({
        id: i.id, name: i.name, type: i.type, column: columnOf(i), required: i.required ?? false,
        ...(i.length !== undefined ? { length: i.length } : {}), ...(i.pattern ? { pattern: i.pattern.source } : {}), ...(i.codes ? { codes: i.codes } : {}),
        ...(i.checkDigit ? { checkDigit: i.checkDigit } : {}), ...(i.multiline ? { multiline: true } : {}), ...(i.of ? { of: i.of } : {}),
      })),
    })),
  };
  const router = createRouter();
  router.openapi(
    secureRoute({ access: { authenticated: true }, zones: ['individual-number', 'lgwan'] }, {
      method: 'get',
      path: '/data-list',
      tags: ['標準データ'],
      summary: '標準データのレイアウト（基本データリスト: レコード・項目・型・桁数・コード表・参照）',
      responses: { 200: { description: '全業務のレコードと項目', content: { 'application/json': { schema: DataListSchema } } } },
    }),
    (c) => c.json(body, 200),
  );
  return router;
}
