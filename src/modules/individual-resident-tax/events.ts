/**
 * The events of 個人住民税 (the contract other businesses, e.g. 収納, subscribe to): ids, numbers and
 * amounts, never a breakdown or a name. 当初課税 publishes one event per chunk of the annual job (up
 * to 2,000 taxpayers), so a city's assessment is a few hundred events, not a million; a 更正 publishes
 * one per taxpayer.
 */
import { z } from 'zod';

const Assessment = z.object({
  /** The registry's id of a resident of 1 January; null for a 住登外 taxpayer (宛名番号 only). */
  residentId: z.uuid().nullable(),
  addresseeNo: z.string(),
  version: z.int().min(1),
  total: z.int().min(0),
  collection: z.enum(['salary', 'pension', 'ordinary']),
  employerNo: z.string().nullable(),
});

/** 当初課税: these taxpayers were assessed for the fiscal year (version 1). */
export const AssessedV1 = z.object({ fiscalYear: z.int(), assessments: z.array(Assessment).min(1) });
export type AssessedV1 = z.infer<typeof AssessedV1>;

/** 更正: a new version of one taxpayer's assessment, with its difference to the one before. */
export const ReassessedV1 = Assessment.extend({ fiscalYear: z.int(), difference: z.int() });
export type ReassessedV1 = z.infer<typeof ReassessedV1>;

export const events = {
  assessed: { type: 'individual-resident-tax.assessed', version: 1, schema: AssessedV1 },
  reassessed: { type: 'individual-resident-tax.reassessed', version: 1, schema: ReassessedV1 },
} as const;

/**
 * Every event of a fiscal year has the year as its aggregate: a subscriber then receives a taxpayer's
 * 更正 after the 当初課税 chunk that listed them (delivery is ordered per aggregate), and a year has
 * a few hundred chunk events plus its 更正, not a million aggregates.
 */
export const aggregateOf = (fiscalYear: number) => `individual-resident-tax:${fiscalYear}`;
