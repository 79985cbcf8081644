import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.ts';
import { addresseeRoutes } from './api.ts';
import { events } from './events.ts';
import { residentSync } from './sync.ts';
import { BACKFILL_LIMIT, backfillResidents } from './backfill.ts';
import { dataList } from './data-list.ts';

export { AddresseeChangedV1, AddresseeMergedV1, AddresseeRegisteredV1, events } from './events.ts';
export { addresseeQueries, type AddresseeQueries } from './query-port.ts';
export * from './model.ts';
export type { SearchCriteria as AddresseeSearchCriteria } from './queries.ts';

/**
 * 宛名管理・団体内統合宛名 (issue 6): one register of everyone the 団体 deals with — residents (from the
 * resident registry's events, with its 宛名番号), 住登外者 and corporations — with the 団体内統合宛名番号,
 * 送付先 per business, merges, lookups for every module and an audit entry for each. README.md.
 */
export const addresseeModule = defineModule({
  id: 'addressee',
  title: '宛名管理',
  kind: 'common',
  migrations: fileURLToPath(new URL('./migrations/', import.meta.url)),
  routes: addresseeRoutes,
  events: Object.values(events),
  subscriptions: [residentSync],
  dataList,
  // The demo's residents are bulk-loaded without events: take them in (up to BACKFILL_LIMIT; beyond it, say so).
  demo: async (ctx, tenantCode, options) => {
    if (options.residents > BACKFILL_LIMIT) {
      options.progress?.(`宛名: ${options.residents.toLocaleString('ja-JP')} 人は一括で取り込みません（住民の異動ごとに登録されます）`);
      return;
    }
    await backfillResidents(ctx, tenantCode, options.progress);
  },
  permissions: {
    read: '宛名の検索・照会',
    record: '住登外者・法人の登録、送付先の登録',
    merge: '同一人の宛名の統合',
    'my-number': '個人番号による宛名の特定（個人番号利用事務系に限る）',
  },
});
