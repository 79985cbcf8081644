/**
 * 当初課税: the annual assessment of every person who lived in the 団体 on 1 January (賦課期日) of the
 * fiscal year, as a resumable job. Each chunk takes the registry's next persons in 宛名番号 order
 * through its port (`rollAsOf`: only the columns a roll keeps), enters the residents of 1 January on
 * the roll, reads their 課税資料, assesses them and writes the results with one INSERT each, in the
 * same transaction as the job's checkpoint: a crash loses at most the chunk in flight, and a re-run
 * writes nothing twice. A taxpayer already assessed for the year is left alone (a 更正 is a separate
 * procedure). Progress counts persons of the registry, residents of 1 January or not.
 */
import { z } from 'zod';
import type { Trx } from '../../platform/db/tenant-scope.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import type { JobDefinition, ReadAhead } from '../../platform/jobs/types.ts';
import { residentRegistryInTransaction } from '../resident-registry/index.ts';
import { assessTaxpayer, parseRates } from './assessment.ts';
import { aggregateOf, events } from './events.ts';
import { tenantRatesSchema } from './model.ts';
import { SUPPORTED_FISCAL_YEARS } from './rules/figures/index.ts';
import { reliefsOf } from './relief.ts';
import { alreadyDoneIn, AssessmentColumns, incomeDocumentsOf, inputsIn, insertAssessments, insertRoll, lockYear, type RollEntry } from './store.ts';

export const ANNUAL_ASSESSMENT = 'individual-resident-tax.annual-assessment';

export const annualAssessmentParams = z.object({
  fiscalYear: z.number().int().refine((y) => SUPPORTED_FISCAL_YEARS.includes(y), { error: `年度は ${SUPPORTED_FISCAL_YEARS.join('・')} のいずれかを指定してください` }),
  tenantRates: tenantRatesSchema.prefault({}),
});
type Params = z.output<typeof annualAssessmentParams>;

/** 賦課期日: 1 January of the fiscal year (地方税法39条・318条). */
export const levyDateOf = (fiscalYear: number) => `${fiscalYear}-01-01`;

export const annualAssessmentJob: JobDefinition<Params, string> = {
  type: ANNUAL_ASSESSMENT,
  title: '個人住民税 当初課税',
  permission: 'individual-resident-tax:assess',
  paramsSchema: annualAssessmentParams,
  // Two runs of one year would take turns chunk by chunk (lockYear) and report muddled progress.
  exclusiveKey: (params) => String(params.fiscalYear),
  chunkSize: 5000,
  async plan(trx) {
    return { total: await residentRegistryInTransaction.countPersons(trx) };
  },
  readAhead: (trx, params, cursor, chunkSize) => readChunk(trx, params, cursor, chunkSize),
  async runChunk(trx, params, cursor, chunkSize, { events: publisher }, ahead) {
    await lockYear(trx, params.fiscalYear, 'exclusive');
    let read = (ahead as ReadAhead<string, Assessed> | undefined) ?? await readChunk(trx, params, cursor, chunkSize);
    // A document or decision recorded after the read-ahead: read the page again, now that none can be added.
    if (ahead && read.data.last !== null && await inputsIn(trx, params.fiscalYear, read.data.from, read.data.last) !== read.data.inputs) {
      read = await readChunk(trx, params, cursor, chunkSize);
    }
    await writeChunk(trx, params.fiscalYear, read.data, publisher);
    return { processed: read.processed, cursor: read.cursor };
  },
};

/** A chunk assessed, ready to write: its roll entries and their assessments as columns. */
export interface Assessed {
  /** Those of the page not yet on the roll. */
  roll: RollEntry[];
  /** The assessments of those of the page not yet assessed. */
  columns: AssessmentColumns;
  residentIds: Map<string, string | null>;
  /** The page, and the count of its 課税資料 and 減免 rows when it was read (inputsIn). */
  from: string | null;
  last: string | null;
  inputs: string;
}

/** The phases of a chunk, in order: the benchmark times each (bench/individual-resident-tax.ts). */
export type ChunkPhase = 'registry read' | 'income documents read' | 'engine' | 'roll INSERT' | 'assessment INSERT' | 'event';
type Mark = (phase: ChunkPhase) => void;
const noMark: Mark = () => undefined;

/** Taxpayers assessed between two turns of the event loop (about 5 ms of computing). */
const YIELD_EVERY = 250;

/** Reads and assesses the chunk after `cursor`: reads only, so it may run in a transaction of its own. */
export async function readChunk(
  trx: Trx, params: Params, cursor: string | null, chunkSize: number, mark: Mark = noMark,
): Promise<Omit<ReadAhead<string, Assessed>, 'from'>> {
  const { fiscalYear } = params;
  const page = await residentRegistryInTransaction.rollAsOf(trx, levyDateOf(fiscalYear), cursor, chunkSize);
  mark('registry read');
  // A re-run (the job submitted twice for a year) and 住登外 entries leave what is there as it is.
  const done = page.last === null ? { onRoll: new Set<string>(), assessed: new Set<string>() } : await alreadyDoneIn(trx, fiscalYear, cursor, page.last);
  const inputs = page.last === null ? '' : await inputsIn(trx, fiscalYear, cursor, page.last);
  const roll = page.residents.filter((r) => !done.onRoll.has(r.addresseeNo));
  const pending = page.residents.filter((r) => !done.assessed.has(r.addresseeNo));
  // The page's documents are one range of their index (the roll comes in 宛名番号 order); those of
  // persons who were not residents on 1 January are simply not used.
  const documents = page.last === null ? new Map() : await incomeDocumentsOf(trx, fiscalYear, { after: cursor, last: page.last });
  const reliefs = await reliefsOf(trx, fiscalYear, pending.map((r) => r.addresseeNo));
  mark('income documents read');
  const rates = parseRates(params.tenantRates);
  const columns = new AssessmentColumns();
  for (const [i, r] of pending.entries()) {
    columns.add(assessTaxpayer(fiscalYear, rates, r, documents.get(r.addresseeNo) ?? [], null, reliefs.get(r.addresseeNo) ?? null));
    // Run ahead, this computes while the previous chunk writes: let its statements go out between slices,
    // or the database waits for the whole chunk's computing before it gets the next one.
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  mark('engine');
  return {
    data: { roll, columns, residentIds: new Map(page.residents.map((r) => [r.addresseeNo, r.residentId])), from: cursor, last: page.last, inputs },
    processed: page.examined, cursor: page.next,
  };
}

/** Enters the chunk on the roll, writes its assessments and announces them. */
export async function writeChunk(trx: Trx, fiscalYear: number, { roll, columns, residentIds }: Assessed, publisher: EventPublisher, mark: Mark = noMark): Promise<void> {
  await insertRoll(trx, fiscalYear, roll);
  mark('roll INSERT');
  await insertAssessments(trx, fiscalYear, columns, null);
  mark('assessment INSERT');
  if (columns.length > 0) {
    const assessments = columns.addresseeNo.map((addresseeNo, i) => ({
      residentId: residentIds.get(addresseeNo) ?? null, addresseeNo, version: columns.version[i]!, total: columns.totals.total[i]!,
      collection: columns.collection[i] as 'salary' | 'pension' | 'ordinary', employerNo: columns.employerNo[i]!,
    }));
    await publisher.publish(trx, { type: events.assessed.type, version: events.assessed.version, aggregateId: aggregateOf(fiscalYear), payload: { fiscalYear, assessments } });
  }
  mark('event');
}
