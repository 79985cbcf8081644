/**
 * The events of 個人住民税 (the contract other businesses, e.g. 収納, subscribe to): ids, numbers and
 * amounts, never a breakdown or a name. 当初課税 publishes one event per chunk of the annual job (up
 * to 2,000 taxpayers), so a city's assessment is a few hundred events, not a million; a 更正 publishes
 * one per taxpayer.
 */
import { z } from 'zod';

const Assessment = z.object({
  residentId: z.uuid(),
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
