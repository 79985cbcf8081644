import { fileURLToPath } from 'node:url';
import type { MigrationSource } from './db/migrations.ts';
import type { Subscription } from './events/types.ts';
import type { AnyJobDefinition } from './jobs/types.ts';
import type { ModuleDefinition } from './module.ts';

/** The platform's own tables come first: every module's tables refer to them. */
export const platformMigrations: MigrationSource[] = ['tenancy', 'events', 'jobs', 'identity', 'audit', 'metering'].map((part) => ({
  id: `platform/${part}`,
  dir: fileURLToPath(new URL(`./${part}/migrations/`, import.meta.url)),
}));

export interface Registry {
  modules: readonly ModuleDefinition[];
  migrations: MigrationSource[];
  subscriptions: Subscription[];
  jobs: Map<string, AnyJobDefinition>;
  /** Every permission name `<module>:<action>` with its description. */
  permissions: Map<string, string>;
}

/**
 * Mounts a set of modules: collects their migrations, subscriptions, jobs and permissions, and refuses
 * duplicates, which would otherwise surface as events delivered twice or routes shadowing each other.
 */
export function createRegistry(modules: readonly ModuleDefinition[]): Registry {
  const seen = (kind: string) => {
    const names = new Set<string>();
    return (name: string) => {
      if (names.has(name)) throw new Error(`duplicate ${kind}: ${name}`);
      names.add(name);
    };
  };
  const moduleId = seen('module id');
  const subscriber = seen('subscriber name');
  const registry: Registry = { modules, migrations: [...platformMigrations], subscriptions: [], jobs: new Map(), permissions: new Map() };
  for (const m of modules) {
    moduleId(m.id);
    if (m.migrations) registry.migrations.push({ id: m.id, dir: m.migrations });
    for (const s of m.subscriptions ?? []) {
      subscriber(s.name);
      registry.subscriptions.push(s);
    }
    for (const job of m.jobs ?? []) {
      if (registry.jobs.has(job.type)) throw new Error(`duplicate job type: ${job.type}`);
      registry.jobs.set(job.type, job);
    }
    for (const [action, description] of Object.entries(m.permissions ?? {})) registry.permissions.set(`${m.id}:${action}`, description);
  }
  return registry;
}
