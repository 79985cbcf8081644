import { Command } from 'commander';
import { addTenant, getTenants } from '../modules/tenants/index.ts';
import { withSystem } from './run.ts';

export function tenantCommand(): Command {
  const tenant = new Command('tenant').description('団体（テナント）の管理');
  tenant
    .command('add')
    .description('団体を追加する（全国地方公共団体コード6桁、検査数字込み）')
    .argument('<tenantCode>', '全国地方公共団体コード（例: 131016）')
    .action((tenantCode: string) =>
      withSystem(async (system) => {
        const added = await addTenant(system, { tenantCode });
        console.log(`追加しました: ${added.tenantCode} ${added.prefecture} ${added.name}`);
      }),
    );
  tenant
    .command('list')
    .description('登録済みの団体を一覧する')
    .option('--json', 'JSONで出力する')
    .action((options: { json?: boolean }) =>
      withSystem(async (system) => {
        const tenants = await getTenants(system);
        if (options.json) return void console.log(JSON.stringify(tenants, null, 2));
        if (tenants.length === 0) return void console.log('団体は登録されていません（yakuba tenant add <団体コード>）');
        for (const t of tenants) console.log(`${t.tenantCode}  ${t.prefecture}${t.kind === 'prefecture' ? '' : ` ${t.name}`}  ${t.status === 'active' ? '稼働中' : '停止中'}`);
      }),
    );
  return tenant;
}
