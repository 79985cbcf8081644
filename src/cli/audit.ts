import cliProgress from 'cli-progress';
import { Argument, Command, Option } from 'commander';
import {
  analyseAuditLog,
  ANALYSIS_KINDS,
  AUDIT_CATEGORIES,
  AUDIT_CATEGORY_LABELS,
  AUDIT_OUTCOMES,
  listAuditEntries,
  toJstIso,
  verifyAuditChain,
  type AnalysedEntry,
  type AnalysisKind,
  type AuditListFilter,
  type AuditOutcome,
} from '../platform/audit/index.ts';
import { ValidationError } from '../platform/errors.ts';
import { validateTenantCode } from '../platform/tenancy/tenant.ts';
import { withSystem } from './run.ts';

const tenantOption = ['-t, --tenant <tenantCode>', '団体コード'] as const;
const OUTCOME_LABELS: Record<AuditOutcome, string> = { success: '成功', denied: '拒否', failed: '失敗' };

/** One entry per line, tab-separated, so the output can be saved and opened as a file (ファイル出力). */
function line(e: AnalysedEntry): string {
  const marks = [e.myNumberAccessed ? '個人番号' : '', e.lookupByNumber ? '番号検索' : '', e.offHours?.night ? '深夜' : '', e.offHours?.closedDay ? '休業日' : '']
    .filter(Boolean)
    .join(',');
  return [
    e.seq,
    toJstIso(e.occurredAt),
    `${e.actorKind}:${e.actorId}`,
    e.terminal ?? '-',
    e.address ?? '-',
    e.zone ?? '-',
    e.function,
    AUDIT_CATEGORY_LABELS[e.category],
    OUTCOME_LABELS[e.outcome],
    e.targets.map((t) => `${t.kind}:${t.id}`).join(',') || '-',
    e.searchCount ?? '-',
    marks || '-',
  ].join('\t');
}

const HEADER = ['番号', '日時（日本時間）', '操作者', '端末', 'アドレス', '区分', '機能', '種別', '結果', '対象', '検索件数', '注記'].join('\t');

function positiveInt(field: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new ValidationError([{ field, rule: 'integer', message: `--${field} は1以上の整数で指定してください（${value}）` }]);
    return n;
  };
}

export function auditCommand(): Command {
  const audit = new Command('audit').description('監査ログ（アクセスログ）の検証・検索・分析');

  audit
    .command('verify')
    .description('団体の監査ログのハッシュ連鎖を検証し、改ざん・削除があれば最初の記録を示す')
    .requiredOption(...tenantOption)
    .action((options: { tenant: string }) =>
      withSystem(async ({ db }) => {
        const tenantCode = validateTenantCode(options.tenant).code;
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar({ format: '{bar} {value}/{total} 件', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
          : undefined;
        bar?.start(1, 0);
        const result = await verifyAuditChain(db, tenantCode, {
          onProgress: (checked, total) => {
            bar?.setTotal(Math.max(total, 1));
            bar?.update(checked);
          },
        }).finally(() => bar?.stop());
        if (result.ok) return void console.log(`監査ログの連鎖を検証しました: ${result.entries}件、改ざんなし`);
        console.error(`監査ログの連鎖が壊れています: 第${result.firstBroken.seq}番 — ${result.firstBroken.reason}`);
        console.error(`（第${result.firstBroken.seq}番より前の${result.entries}件は連鎖が保たれています）`);
        process.exitCode = 1;
      }),
    );

  audit
    .command('list')
    .description('監査ログを新しい順に一覧する（タブ区切り）')
    .requiredOption(...tenantOption)
    .option('--from <date>', '期間の開始日（YYYY-MM-DD、日本時間）')
    .option('--to <date>', '期間の終了日（YYYY-MM-DD、日本時間）')
    .option('--actor <id>', '操作者ID')
    .option('--module <module>', 'モジュールID')
    .addOption(new Option('--category <category>', '種別').choices(AUDIT_CATEGORIES))
    .addOption(new Option('--outcome <outcome>', '結果').choices(AUDIT_OUTCOMES))
    .option('--before <seq>', 'この番号より前の記録から', positiveInt('before'))
    .option('--limit <n>', '件数（既定 100、最大 1000）', positiveInt('limit'))
    .action(
      (options: AuditListFilter & { tenant: string }) =>
        withSystem(async ({ db }) => {
          const { tenant, ...filter } = options;
          const page = await listAuditEntries(db, validateTenantCode(tenant).code, filter);
          if (page.items.length === 0) return void console.log('該当する記録はありません');
          console.log(HEADER);
          for (const e of page.items) console.log(line(e));
          if (page.nextBefore !== null) console.error(`続きがあります: --before ${page.nextBefore}`);
        }),
    );

  audit
    .command('analyse')
    .alias('analyze')
    .description('ログを分析する（深夜・休業日のアクセス、ログイン失敗、ID別ログイン数、大量検索、番号による検索）')
    .addArgument(new Argument('<kind>', ANALYSIS_KINDS.join(' | ')).choices(ANALYSIS_KINDS))
    .requiredOption(...tenantOption)
    .requiredOption('--from <date>', '期間の開始日（YYYY-MM-DD、日本時間）')
    .requiredOption('--to <date>', '期間の終了日（YYYY-MM-DD、日本時間）')
    .option('--threshold <n>', 'mass-searches: 大量検索とみなす件数（既定 100）', positiveInt('threshold'))
    .option('--night-from <HH:MM>', 'night-holiday: 深夜の開始（既定 22:00）', '22:00')
    .option('--night-until <HH:MM>', 'night-holiday: 深夜の終了（この時刻を含まない、既定 06:00）', '06:00')
    .option('--limit <n>', '一覧に出す件数（既定 1000、最大 10000）', positiveInt('limit'))
    .option('--json', 'JSONで出力する')
    .action(
      (
        kind: AnalysisKind,
        options: { tenant: string; from: string; to: string; threshold?: number; nightFrom: string; nightUntil: string; limit?: number; json?: boolean },
      ) =>
        withSystem(async ({ db }) => {
          const result = await analyseAuditLog(db, validateTenantCode(options.tenant).code, kind, {
            from: options.from,
            to: options.to,
            night: { from: options.nightFrom, until: options.nightUntil },
            ...(options.threshold ? { threshold: options.threshold } : {}),
            ...(options.limit ? { limit: options.limit } : {}),
          });
          if (options.json) return void console.log(JSON.stringify(result, null, 2));
          console.log(`${result.title}（${result.from}〜${result.to}）: ${result.total}件`);
          if (result.total === 0) return;
          console.log('\n操作者ID別');
          for (const a of result.perActor) console.log(`${a.actorKind}:${a.actorId}\t${a.count}件\t${toJstIso(a.firstAt)}〜${toJstIso(a.lastAt)}`);
          console.log(`\n${HEADER}`);
          for (const e of result.entries) console.log(line(e));
          if (result.truncated) console.error(`一覧は先頭の${result.entries.length}件です（全${result.total}件、--limit で増やせます）`);
        }),
    );
  return audit;
}

