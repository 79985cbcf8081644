import type { Logger } from 'pino';
import type { Principal, Zone } from '../identity/principal.ts';

/** What every request carries through the middleware chain. */
export interface AppEnv {
  /** Set by the listener the request arrived on (one listener per zone, 三層の対策). */
  Bindings: { zone?: Zone };
  Variables: {
    requestId: string;
    log: Logger;
    /** Resolves the caller from the session cookie or bearer token, once per request. */
    authenticate: () => Promise<Principal | undefined>;
    /** Records a refused request of an authenticated caller (the audit log's security events). */
    recordDenied: (principal: Principal, problemCode: string) => Promise<void>;
    /** Set by the access guard once the caller is authenticated and authorised. */
    principal: Principal;
  };
}
