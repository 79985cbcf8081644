/**
 * The deployment's records, from the modules' data lists, in the order export writes and import reads
 * them. Checked once when built: a reference to a record or item that does not exist, or to items that
 * are neither a key nor a unique set, is a mistake in a data list and stops the start, not an import.
 */
import type { DataItem, DataRecord } from '../platform/data-list.ts';
import type { ModuleDefinition } from '../platform/module.ts';

export interface CatalogRecord {
  module: string;
  record: DataRecord;
  /** Items by id. */
  items: ReadonlyMap<string, DataItem>;
  /** References whose target comes later in the order or is this record: checked after every file is read. */
  deferred: ReadonlySet<number>;
}

export interface Catalog {
  modules: { id: string; title: string; version: string }[];
  records: CatalogRecord[];
  byId: ReadonlyMap<string, CatalogRecord>;
  /** SQL statements run after an import writes its rows (DataList.afterImport), module by module. */
  afterImport: string[];
}

const sameItems = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function catalogOf(modules: readonly ModuleDefinition[]): Catalog {
  const records: CatalogRecord[] = [];
  const byId = new Map<string, CatalogRecord>();
  const order = new Map<string, number>();
  const catalog: Catalog = { modules: [], records, byId, afterImport: [] };
  for (const m of modules) {
    if (!m.dataList || m.dataList.records.length === 0) continue;
    catalog.modules.push({ id: m.id, title: m.title, version: m.dataList.version });
    catalog.afterImport.push(...(m.dataList.afterImport ?? []));
    for (const record of m.dataList.records) {
      if (byId.has(record.id)) throw new Error(`data list: duplicate record id ${record.id}`);
      const items = new Map<string, DataItem>();
      for (const item of record.items) {
        if (items.has(item.id)) throw new Error(`data list ${record.id}: duplicate item ${item.id}`);
        items.set(item.id, item);
      }
      for (const set of [record.key, ...(record.unique ?? [])]) {
        for (const id of set) if (!items.has(id)) throw new Error(`data list ${record.id}: key item ${id} is not declared`);
      }
      const entry: CatalogRecord = { module: m.id, record, items, deferred: new Set() };
      order.set(record.id, records.length);
      records.push(entry);
      byId.set(record.id, entry);
    }
  }
  for (const entry of records) {
    const { record } = entry;
    (record.references ?? []).forEach((ref, i) => {
      const target = byId.get(ref.record);
      if (!target) throw new Error(`data list ${record.id}: reference to unknown record ${ref.record}`);
      for (const id of ref.items) if (!entry.items.has(id)) throw new Error(`data list ${record.id}: reference item ${id} is not declared`);
      const sets = [target.record.key, ...(target.record.unique ?? [])];
      if (ref.items.length !== ref.to.length || !sets.some((s) => sameItems(s, ref.to))) {
        throw new Error(`data list ${record.id}: reference to ${ref.record}(${ref.to.join(', ')}) is not a key or unique set of it`);
      }
      if (order.get(ref.record)! >= order.get(record.id)!) (entry.deferred as Set<number>).add(i);
    });
  }
  return catalog;
}

/** Every item set of a record that must be unique: its key first, then its unique sets. */
export const uniqueSets = (record: DataRecord): string[][] => [record.key, ...(record.unique ?? [])];
