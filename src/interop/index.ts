/**
 * 標準データの出力・取込 (データ要件): export and import of a tenant's data in the standard layout the
 * modules' data lists declare, and migration from a legacy system's files. README.md explains the files.
 */
import type { Database } from '../platform/db/database.ts';
import { defineModule } from '../platform/module.ts';
import type { MyNumberKeyRing } from '../platform/my-number/index.ts';
import type { Registry } from '../platform/registry.ts';
import { catalogOf } from './catalog.ts';
import { exportJob } from './export.ts';
import { importJob } from './import-job.ts';

export { dataListRoutes } from './api.ts';
export { catalogOf, type Catalog, type CatalogRecord } from './catalog.ts';
export { EXPORT_JOB } from './export.ts';
export { IMPORT_JOB, importProgress, importResults, defaultReportFile, type ImportParams } from './import-job.ts';
export { importTenant, type ImportOptions, type ImportResult } from './import.ts';
export { describeProblem, type Problem } from './report.ts';

/** The permissions; the jobs need the database and the 個人番号 keys and are added by registerInteropJobs. */
export const interopModule = defineModule({
  id: 'interop',
  title: '標準データの出力・取込',
  kind: 'common',
  permissions: {
    export: '標準データの出力（全業務・個人番号を含む）',
    import: '標準データの取込（空の団体へ）',
  },
});

/** Adds the export and import jobs to a registry, over the data lists of its modules. */
export function registerInteropJobs(registry: Registry, db: Database, keys: MyNumberKeyRing): void {
  const catalog = catalogOf(registry.modules);
  for (const job of [exportJob(catalog, keys, db), importJob(catalog, keys, db)]) registry.jobs.set(job.type, job);
}
