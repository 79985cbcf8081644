/** The outbox entry of one issuance (events-certificates.ts), ordered per issuance. */
import type { NewEvent } from '../../../platform/events/types.ts';
import { certificateEvents, type CertificateIssuedV1 } from '../events-certificates.ts';

export const certificateIssued = (payload: CertificateIssuedV1): NewEvent<CertificateIssuedV1> => ({
  type: certificateEvents.certificateIssued.type,
  version: certificateEvents.certificateIssued.version,
  aggregateId: payload.issuanceId,
  payload,
});
