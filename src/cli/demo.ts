import { Command } from 'commander';
import { getTenants } from '../modules/tenants/index.ts';
import { seedDemo, DEMO_TENANT } from '../demo.ts';
import { withSystem } from './run.ts';

export function demoCommand(): Command {
  return new Command('demo')
    .description('デモ用の団体と合成データを作成する（実在の個人データは含まない）')
    .option('--tenant <tenantCode>', 'デモ団体の全国地方公共団体コード', DEMO_TENANT)
    .action((options: { tenant: string }) =>
      withSystem(async (system) => {
        const exists = (await getTenants(system)).some((t) => t.tenantCode === options.tenant);
        if (exists) return void console.log(`デモ団体 ${options.tenant} は既にあります`);
        const tenant = await seedDemo(system, options.tenant);
        console.log(`デモ団体を作成しました: ${tenant.tenantCode} ${tenant.prefecture} ${tenant.name}`);
      }),
    );
}
