import { Command } from 'commander';
import { withSystem } from './run.ts';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('データベースのスキーマを最新にする（適用済みファイルの変更は拒否）')
    .action(() =>
      withSystem(async ({ migration }) => {
        for (const name of migration.applied) console.log(`適用: ${name}`);
        console.log(`マイグレーション完了（今回 ${migration.applied.length} 件、適用済み ${migration.alreadyApplied} 件）`);
      }),
    );
}
