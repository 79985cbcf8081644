import { Command } from 'commander';
import { listDeadLetters, replayDeadLetter } from '../platform/events/dead-letters.ts';
import { validateTenantCode } from '../platform/tenancy/tenant.ts';
import { withSystem } from './run.ts';

export function eventsCommand(): Command {
  const events = new Command('events').description('イベント配信の運用（配信不能イベントの確認と再配信）');
  events
    .command('dead-letters')
    .description('配信不能（デッドレター）になったイベントを一覧する')
    .requiredOption('-t, --tenant <tenantCode>', '団体コード')
    .action((options: { tenant: string }) =>
      withSystem(async ({ db }) => {
        const items = await listDeadLetters(db, validateTenantCode(options.tenant).code);
        if (items.length === 0) return void console.log('配信不能イベントはありません');
        for (const d of items) console.log(`${d.eventId}  ${d.subscriber}  ${d.type}  試行${d.attempts}回  ${d.lastError ?? ''}`);
      }),
    );
  events
    .command('replay')
    .description('配信不能イベントを再配信の待ち行列に戻す')
    .requiredOption('-t, --tenant <tenantCode>', '団体コード')
    .argument('<subscriber>', '購読者名')
    .argument('<eventId>', 'イベントID')
    .action((subscriber: string, eventId: string, options: { tenant: string }) =>
      withSystem(async ({ db }) => {
        await replayDeadLetter(db, validateTenantCode(options.tenant).code, subscriber, eventId);
        console.log('再配信の待ち行列に戻しました（次の配信処理で届けます）');
      }),
    );
  return events;
}
