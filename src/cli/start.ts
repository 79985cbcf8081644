import { Command } from 'commander';
import { getTenants } from '../modules/tenants/index.ts';
import { seedDemo } from '../demo.ts';
import { startServer } from '../server.ts';
import { openSystem, type System } from '../system.ts';
import { reportError } from './run.ts';

export function startCommand(): Command {
  return new Command('start')
    .description('サーバーを起動する（DATABASE_URL が無ければ組み込みデータベース PGlite を使う）')
    .option('-p, --port <port>', '待ち受けポート（環境変数 PORT）', process.env.PORT ?? '3000')
    .option('--host <host>', '待ち受けアドレス（環境変数 HOST）', process.env.HOST ?? '127.0.0.1')
    .option('--demo', '団体が一つもなければデモ団体と合成データを作成する')
    .action(async (options: { port: string; host: string; demo?: boolean }) => {
      let system: System | undefined;
      try {
        system = await openSystem();
        if (options.demo && (await getTenants(system)).length === 0) {
          const tenant = await seedDemo(system);
          console.log(`デモ団体を作成しました: ${tenant.tenantCode} ${tenant.prefecture} ${tenant.name}`);
        }
        system.startWorkers();
        const server = await startServer(system, { port: Number(options.port), hostname: options.host });
        console.log(`yakuba を起動しました: ${server.url}  (データベース: ${system.db.engine === 'pglite' ? 'PGlite 組み込み' : 'PostgreSQL'})`);
        console.log(`  稼働状態 ${server.url}/healthz   API定義 ${server.url}/api/openapi.json`);
        const running = system;
        const shutdown = async () => {
          console.log('停止しています…');
          await server.close();
          await running.close();
          process.exit(0);
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
      } catch (error) {
        await system?.close().catch(() => undefined);
        process.exitCode = reportError(error);
      }
    });
}
