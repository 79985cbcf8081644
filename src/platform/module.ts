import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { Database } from './db/database.ts';
import type { EventPublisher } from './events/outbox.ts';
import type { EventType, Subscription } from './events/types.ts';
import type { DataList } from './data-list.ts';
import type { AnyJobDefinition } from './jobs/types.ts';
import type { MyNumberKeyRing } from './my-number/index.ts';
import type { AppEnv } from './http/context.ts';
import type { Metering } from './metering/index.ts';

/** 基幹業務 (one of the 20 businesses), 共通機能 (common function) or a platform service. */
export type { DataItem, DataList, DataRecord, DataReference } from './data-list.ts';

export type ModuleKind = 'business' | 'common' | 'platform';

/** What the kernel hands a module when it mounts it. */
export interface ModuleContext {
  db: Database;
  log: Logger;
  /** Writes events into the outbox of the caller's transaction. */
  events: EventPublisher;
  /** Keys that encrypt 個人番号 at rest and index them for exact lookups. */
  myNumberKeys: MyNumberKeyRing;
  /** 利用量の計測: the operator console measures and reads it; tests flush the request counts. */
  metering?: Metering;
}

/** How much demo data to make, and from which seed (`yakuba demo --residents N --seed n`). */
export interface DemoOptions {
  residents: number;
  seed: number;
  /** Where a long-running seed reports its progress (the CLI prints it). */
  progress?: (message: string) => void;
}

export interface ModuleDefinition {
  /** Module id from GLOSSARY.md; also its URL segment /api/v1/<id> and its event prefix. */
  id: string;
  /** Japanese name shown to staff (e.g. 住民基本台帳). */
  title: string;
  kind: ModuleKind;
  /** Absolute path of the module's migrations folder (001_init.sql …), if it owns tables. */
  migrations?: string;
  /** The module's HTTP routes, mounted under /api/v1/<id>. */
  routes?: (ctx: ModuleContext) => OpenAPIHono<AppEnv>;
  /** Event types the module publishes (the contract other modules subscribe to). */
  events?: EventType[];
  subscriptions?: Subscription[];
  jobs?: AnyJobDefinition[];
  /** The module's 基本データリスト: its records and items, read by export, import and EUC (data-list.ts). */
  dataList?: DataList;
  /**
   * Seeds synthetic demo data for a tenant (`yakuba demo`, `npm start` on an empty database). Must be
   * deterministic (same options, same data) and must never produce anything that looks like a real
   * person's 個人番号.
   */
  demo?: (ctx: ModuleContext, tenantCode: string, options: DemoOptions) => Promise<void>;
  /** action → Japanese description; the permission name is `<id>:<action>`. */
  permissions?: Record<string, string>;
}

const MODULE_ID = /^[a-z][a-z0-9-]*$/;

/**
 * Declares a module. Checks the declaration's own consistency at load time, so that a module with a
 * malformed id or an event outside its namespace fails on start-up rather than in production traffic.
 */
export function defineModule(definition: ModuleDefinition): ModuleDefinition {
  const { id } = definition;
  if (!MODULE_ID.test(id)) throw new Error(`module id must be kebab-case: ${id}`);
  for (const event of definition.events ?? []) {
    if (!event.type.startsWith(`${id}.`)) throw new Error(`event ${event.type} must start with "${id}."`);
  }
  for (const job of definition.jobs ?? []) {
    if (!job.type.startsWith(`${id}.`)) throw new Error(`job ${job.type} must start with "${id}."`);
  }
  for (const action of Object.keys(definition.permissions ?? {})) {
    if (!MODULE_ID.test(action)) throw new Error(`permission action must be kebab-case: ${id}:${action}`);
  }
  return definition;
}
