import { Command, InvalidArgumentError } from 'commander';
import '../platform/http/zod-locale.ts';
import { simulate, simulationRequestSchema } from '../modules/individual-resident-tax/index.ts';

/**
 * `yakuba resident-tax simulate --fiscal-year 2026 < input.json`: the API's simulation without a server
 * or a database. Standard input is the body of POST /api/v1/individual-resident-tax/simulate (the
 * fiscal year may come from the option instead); the breakdown is printed as JSON. Bad input: the
 * Japanese message of each field on standard error and exit code 2.
 */
export function residentTaxCommand(): Command {
  const command = new Command('resident-tax').description('個人住民税');
  command
    .command('simulate')
    .description('税額シミュレーション: 標準入力のJSON（APIの本文と同じ）から計算の内訳をJSONで出力する（データベース不要）')
    .option('--fiscal-year <year>', '年度（例 2026 = 令和8年度）', (v) => {
      if (!/^[0-9]{4}$/.test(v)) throw new InvalidArgumentError('--fiscal-year は西暦4桁で指定してください（例 2026）');
      return Number(v);
    })
    .option('--collection <kind>', '徴収方法の内訳: none, ordinary, salary, pension')
    .action(async (options: { fiscalYear?: number; collection?: string }) => {
      const text = await readStdin();
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return fail(['標準入力がJSONとして読めません']);
      }
      const parsed = simulationRequestSchema.safeParse({
        ...body, ...(options.fiscalYear ? { fiscalYear: options.fiscalYear } : {}), ...(options.collection ? { collection: options.collection } : {}),
      });
      if (!parsed.success) return fail(parsed.error.issues.map((i) => `${i.path.join('.') || '(本文)'}: ${i.message}`));
      process.stdout.write(`${JSON.stringify(simulate(parsed.data), null, 2)}\n`);
    });
  return command;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function fail(lines: string[]): void {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exitCode = 2;
}
