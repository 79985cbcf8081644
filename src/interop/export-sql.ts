/** SQL shared by the export's two paths: the items' select list and the key bounds of a chunk. */
import { sql, type RawBuilder } from 'kysely';
import { columnOf } from '../platform/data-list.ts';
import type { CatalogRecord } from './catalog.ts';
import { exportExpression, sqlType } from './values.ts';

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export const keyItems = (entry: CatalogRecord) => entry.record.key.map((id) => entry.items.get(id)!);

/** The key's columns, quoted, in key order. */
export const keyColumns = (entry: CatalogRecord): string[] => keyItems(entry).map((i) => ident(columnOf(i)));

/** Every item as the file's text, in item order, aliased c0, c1 … */
export const selectList = (entry: CatalogRecord): string => entry.record.items.map((item, i) => `${exportExpression(item)} AS c${i}`).join(', ');

/** `AND (tenant_code, k…) > (current_tenant(), $…)`: rows after a key, in the order of the primary key's index. */
export function afterKey(entry: CatalogRecord, after: string[] | null): RawBuilder<unknown> {
  if (after === null || entry.record.key.length === 0) return sql``;
  const items = keyItems(entry);
  return sql`AND (tenant_code, ${sql.raw(keyColumns(entry).join(', '))}) > (current_tenant(), ${sql.join(after.map((v, i) => sql`${v}::${sql.raw(sqlType(items[i]!))}`))})`;
}

/** The same bound with the key written as literals, for COPY, which takes no parameters. */
export function keyBoundLiteral(entry: CatalogRecord, op: '>' | '<=', key: readonly string[]): string {
  const items = keyItems(entry);
  const values = key.map((v, i) => `'${v.replaceAll("'", "''")}'::${sqlType(items[i]!)}`);
  return `(tenant_code, ${keyColumns(entry).join(', ')}) ${op} (current_tenant(), ${values.join(', ')})`;
}

/** The output style the date items rely on (values.ts exportExpression): set in each transaction that exports. */
export const DATE_STYLE = `SET LOCAL datestyle = 'ISO, YMD'`;
