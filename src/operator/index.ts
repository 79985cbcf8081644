import { fileURLToPath } from 'node:url';
import { defineModule } from '../platform/module.ts';
import { operatorRoutes } from './api.ts';
import { BUSINESS_IDS } from './businesses.ts';
import { seedOperatorDemo } from './demo.ts';

/**
 * 運用管理: the platform operator's console (DESIGN §2 `operator/`) — onboarding 団体, tracking their
 * migration, reading their measured usage and sharing the platform's cost. Its permissions are the
 * operator's alone: no 団体 role can hold them (identity/roles.ts).
 */
export function operatorModule(providedModuleIds: readonly string[]) {
  const provided = new Set(providedModuleIds.filter((id) => (BUSINESS_IDS as readonly string[]).includes(id)));
  return defineModule({
    id: 'operator',
    title: '運用管理',
    kind: 'platform',
    migrations: fileURLToPath(new URL('./migrations/', import.meta.url)),
    routes: (ctx) => operatorRoutes(ctx, provided),
    demo: (ctx, tenantCode, options) => seedOperatorDemo(ctx, tenantCode, options.residents),
    permissions: { read: '運用状況（受入れ・移行進捗・利用量・費用）の参照', manage: '団体の受入れ・移行進捗・費用の登録' },
  });
}
