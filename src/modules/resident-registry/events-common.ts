/** The pieces every payload of this module is made of (events*.ts): a person by id and number, a 異動's dates. */
import { z } from '@hono/zod-openapi';
import { IsoDateSchema, UuidSchema } from './fields.ts';

export const PersonRef = z.object({ residentId: UuidSchema, addresseeNo: z.string() });

/** The 異動 an event reports: its id, 異動日 and 届出日 (or 申出日・通知日; null when purely 職権). */
export const changeFields = {
  changeId: UuidSchema,
  effectiveDate: IsoDateSchema,
  notifiedDate: IsoDateSchema.nullable(),
};
