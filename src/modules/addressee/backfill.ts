/**
 * Residents that reached the registry without events — the demo's bulk loader, and later a migration
 * import — are taken into the addressee register here, in batches of the registry's as-of stream, each
 * person exactly as the event subscriber would (sync.ts): same numbers, same versions, same events.
 */
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { residentRegistryQueries, todayInJapan } from '../resident-registry/index.ts';
import { syncResident } from './sync.ts';

/** Per-person work (a read and a few writes each): fine for a demo town, a job's work for a city. */
export const BACKFILL_LIMIT = 20_000;

export async function backfillResidents(ctx: Pick<ModuleContext, 'db' | 'events'>, tenantCode: string, progress?: (message: string) => void): Promise<number> {
  let done = 0;
  for await (const batch of residentRegistryQueries({ db: ctx.db }).residentsAsOf(tenantCode, todayInJapan(), 500)) {
    await inTenant(ctx.db, tenantCode, async (trx) => {
      for (const person of batch) await syncResident(trx, { events: ctx.events }, person.residentId);
    });
    done += batch.length;
    progress?.(`宛名 ${done.toLocaleString('ja-JP')} 人`);
  }
  return done;
}
