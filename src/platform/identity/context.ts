import type { Database } from '../db/database.ts';
import type { SessionPolicy } from './sessions.ts';

/** What the identity services need: the database, the session policy and the permission catalogue. */
export interface IdentityContext {
  db: Database;
  policy: SessionPolicy;
  /** Every permission of the deployment (modules and platform) with its description. */
  permissions: ReadonlyMap<string, string>;
}
