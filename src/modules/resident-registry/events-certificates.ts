/**
 * Payload of the certificate issuance event (証明書の交付, j300): ids, numbers and dates only. The
 * certificate's content never travels; a subscriber that needs it reads the 交付履歴 through the API.
 */
import { z } from '@hono/zod-openapi';
import { IsoDateSchema, UuidSchema } from './fields.ts';

/** 証明書を交付した: which certificate (発行番号), of which kind, for whom. */
export const CertificateIssuedV1 = z.object({
  issuanceId: UuidSchema,
  certificateNo: z.string(),
  kind: z.enum(['resident', 'removed', 'entries', 'move-out']),
  issuedOn: IsoDateSchema,
  householdId: UuidSchema.nullable(),
  residentIds: z.array(UuidSchema).min(1),
  pageCount: z.int().min(1),
});
export type CertificateIssuedV1 = z.infer<typeof CertificateIssuedV1>;

/** 証明書の交付. */
export const certificateEvents = {
  certificateIssued: { type: 'resident-registry.certificate-issued', version: 1, schema: CertificateIssuedV1 },
} as const;
