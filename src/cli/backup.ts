import { createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gunzipSync } from 'node:zlib';
import { Command } from 'commander';
import { sql } from 'kysely';
import { verifyAuditChain } from '../platform/audit/index.ts';
import { databaseConfigFromEnv } from '../platform/db/config.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';
import { inPlatform } from '../platform/db/tenant-scope.ts';
import { ValidationError } from '../platform/errors.ts';
import { reportError } from './run.ts';

/**
 * Backup and restore of the embedded database (PGlite): its data directory as one gzipped tarball
 * (PGlite's dumpDataDir / loadDataDir). PostgreSQL has its own tools (pg_dump, pg_basebackup): these
 * commands point there instead of wrapping them (docs/OPERATIONS.md, "Backup and restore").
 *
 * Neither command migrates: a backup taken before an upgrade holds the schema it was taken with, and a
 * restore leaves the data as it was; the next `yakuba start` migrates as usual.
 */
const POSTGRES_REFUSAL = 'PostgreSQL（DATABASE_URL）のバックアップは pg_dump（論理）又は pg_basebackup と WAL アーカイブ（物理・時点復旧）で行ってください。手順は docs/OPERATIONS.md の「Backup and restore」にあります';

/** Rows of every table of the database, read as the owner (RLS does not bind it): for comparing a backup with its restore. */
export async function tableRowCounts(db: Database): Promise<Map<string, number>> {
  return db.asOwner(async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`);
    const counts = new Map<string, number>();
    for (const { name } of tables) counts.set(name, Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`)).rows[0]!.n));
    return counts;
  });
}

export interface ChainCheck { tenantCode: string; ok: boolean; entries: number; broken?: string }

/** Every 団体's audit chain, verified from its first entry to its head. */
export async function verifyAllAuditChains(db: Database): Promise<ChainCheck[]> {
  const tenants = await inPlatform(db, async (trx) => (await sql<{ code: string }>`SELECT tenant_code AS code FROM tenant ORDER BY tenant_code`.execute(trx)).rows);
  const checks: ChainCheck[] = [];
  for (const { code } of tenants) {
    const r = await verifyAuditChain(db, code);
    checks.push(r.ok ? { tenantCode: code, ok: true, entries: r.entries } : { tenantCode: code, ok: false, entries: r.entries, broken: `第${r.firstBroken.seq}番 — ${r.firstBroken.reason}` });
  }
  return checks;
}

/**
 * Writes the embedded database's data directory (with the demo key file it holds, if any) to `file`,
 * gzipped, readable by its owner only: it holds every resident's record. Refuses to overwrite a file.
 */
export async function writeEmbeddedBackup(db: Database, file: string): Promise<number> {
  if (!db.dump) throw new ValidationError([{ field: 'DATABASE_URL', rule: 'engine', message: POSTGRES_REFUSAL }]);
  // A checkpoint first: the image then starts without WAL to replay.
  await db.asOwner((client) => client.query('CHECKPOINT'));
  if (await stat(file).then(() => true, () => false)) {
    throw new ValidationError([{ field: 'out', rule: 'exists', message: `${file} は既にあります。別のファイル名を指定してください（バックアップは上書きしません）` }]);
  }
  const image = await db.dump();
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await pipeline(Readable.fromWeb(image.stream() as import('node:stream/web').ReadableStream), createGzip(), createWriteStream(file, { mode: 0o600, flags: 'wx' }));
  return (await stat(file)).size;
}

/**
 * Loads a backup (gzipped or plain tarball of dumpDataDir) into `dataDir`, which must be missing or
 * empty, and answers the database opened on it.
 */
export async function restoreEmbeddedBackup(file: string, dataDir: string): Promise<Database> {
  const present = await readdir(dataDir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  if (present.length > 0) {
    throw new ValidationError([{ field: 'YAKUBA_DATA_DIR', rule: 'empty', message: `復元先 ${dataDir} が空ではありません。空のディレクトリ（又は存在しないパス）を指定してください（既存のデータは上書きしません）` }]);
  }
  const bytes = await readFile(file);
  const tar = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const db = await openDatabase({ engine: 'pglite', dataDir }, { loadDataDir: new Blob([tar]) });
  // The tarball keeps no modes: its files come out readable by anyone (the demo key file too). The
  // owner's only, as PostgreSQL keeps a data directory.
  await ownerOnly(dataDir);
  return db;
}

async function ownerOnly(dir: string): Promise<void> {
  await chmod(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await ownerOnly(p);
    else if (entry.isFile()) await chmod(p, 0o600);
  }
}

function printCounts(counts: Map<string, number>, all: boolean): void {
  const rows = [...counts.values()].reduce((a, n) => a + n, 0);
  console.log(`表 ${counts.size} 個、行 ${rows.toLocaleString('ja-JP')} 件`);
  if (all) for (const [name, n] of counts) console.log(`  ${name}\t${n}`);
}

async function run(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    process.exitCode = reportError(error);
  }
}

export function backupCommand(): Command {
  return new Command('backup')
    .description('組み込みデータベース（PGlite）のデータディレクトリを1つのファイルにバックアップする（サーバーを停止してから実行。PostgreSQL は pg_dump）')
    .requiredOption('-o, --out <file>', '出力ファイル（.tar.gz、既存のファイルは上書きしない）')
    .option('--counts', '表ごとの行数も表示する（復元後の照合用）')
    .action((options: { out: string; counts?: boolean }) =>
      run(async () => {
        const config = databaseConfigFromEnv();
        if (config.engine !== 'pglite') throw new ValidationError([{ field: 'DATABASE_URL', rule: 'engine', message: POSTGRES_REFUSAL }]);
        const db = await openDatabase(config);
        try {
          const counts = await tableRowCounts(db);
          const bytes = await writeEmbeddedBackup(db, options.out);
          console.log(`バックアップしました: ${options.out}（${(bytes / 1024 / 1024).toFixed(1)} MB、${config.dataDir} から）`);
          printCounts(counts, options.counts === true);
        } finally {
          await db.close();
        }
      }),
    );
}

export function restoreCommand(): Command {
  return new Command('restore')
    .description('バックアップファイルを組み込みデータベースの空のデータディレクトリ（YAKUBA_DATA_DIR）に復元し、全団体の監査ログの連鎖を検証する')
    .argument('<file>', 'yakuba backup で作ったファイル')
    .option('--data-dir <dir>', '復元先（既定: YAKUBA_DATA_DIR、空であること）')
    .option('--counts', '表ごとの行数も表示する（バックアップ時の表示と照合する）')
    .action((file: string, options: { dataDir?: string; counts?: boolean }) =>
      run(async () => {
        const config = databaseConfigFromEnv();
        if (config.engine !== 'pglite') throw new ValidationError([{ field: 'DATABASE_URL', rule: 'engine', message: POSTGRES_REFUSAL }]);
        await stat(file).catch(() => Promise.reject(new ValidationError([{ field: 'file', rule: 'exists', message: `バックアップファイル ${file} がありません` }])));
        const dataDir = path.resolve(options.dataDir ?? config.dataDir);
        const db = await restoreEmbeddedBackup(file, dataDir);
        try {
          console.log(`復元しました: ${file} → ${dataDir}`);
          printCounts(await tableRowCounts(db), options.counts === true);
          for (const c of await verifyAllAuditChains(db)) {
            if (c.ok) console.log(`団体 ${c.tenantCode}: 監査ログの連鎖を検証しました（${c.entries}件、改ざんなし）`);
            else {
              console.error(`団体 ${c.tenantCode}: 監査ログの連鎖が壊れています: ${c.broken}`);
              process.exitCode = 1;
            }
          }
        } finally {
          await db.close();
        }
      }),
    );
}
