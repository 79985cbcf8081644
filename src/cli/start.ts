import { Command } from 'commander';
import { getTenants } from '../modules/tenants/index.ts';
import { seedDemo } from '../demo.ts';
import { printDemoSignIn } from './demo.ts';
import { listenersFor, type Listener } from '../platform/identity/zones.ts';
import { startServer } from '../server.ts';
import { openSystem, type System } from '../system.ts';
import { reportError } from './run.ts';
import { ensureWebBuilt } from './web-build.ts';

export function startCommand(): Command {
  return new Command('start')
    .description('サーバーを起動する（DATABASE_URL が無ければ組み込みデータベース PGlite を使う）')
    .option('-p, --port <port>', '待ち受けポート（環境変数 PORT）', process.env.PORT ?? '3000')
    .option('--host <host>', '待ち受けアドレス（環境変数 HOST）', process.env.HOST ?? '127.0.0.1')
    .option('--profile <profile>', '配置プロファイル alpha | beta | beta-prime | development（環境変数 YAKUBA_PROFILE）', process.env.YAKUBA_PROFILE ?? 'development')
    .option('--demo', '団体が一つもなければデモ団体と合成データを作成する')
    .action(async (options: { port: string; host: string; profile: string; demo?: boolean }) => {
      let system: System | undefined;
      try {
        const listeners = listenersFor(options.profile, Number(options.port));
        await ensureWebBuilt();
        system = await openSystem();
        if (options.demo && (await getTenants(system)).length === 0) {
          const tenant = await seedDemo(system);
          console.log(`デモ団体を作成しました: ${tenant.tenantCode} ${tenant.prefecture} ${tenant.name}`);
        }
        system.startWorkers();
        const servers: (Listener & Awaited<ReturnType<typeof startServer>>)[] = [];
        for (const l of listeners) servers.push({ ...l, ...(await startServer(system, { port: l.port, hostname: options.host, zone: l.zone })) });
        const main = servers[0]!;
        console.log(`yakuba を起動しました（${options.profile}、データベース: ${system.db.engine === 'pglite' ? 'PGlite 組み込み' : 'PostgreSQL'}）`);
        for (const s of servers) console.log(`  ${s.url}  ${ZONE_NAMES[s.zone]}（${s.zone}）`);
        console.log(`  画面 ${main.url}/   稼働状態 ${main.url}/healthz   API定義 ${main.url}/api/openapi.json`);
        if (options.demo) printDemoSignIn(main.url);
        const running = system;
        const shutdown = async () => {
          console.log('停止しています…');
          for (const s of servers) await s.close();
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

const ZONE_NAMES = { 'individual-number': 'マイナンバー利用事務系', lgwan: 'LGWAN接続系', internet: 'インターネット接続系' } as const;
