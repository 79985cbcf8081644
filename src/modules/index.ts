import { interopModule } from '../interop/index.ts';
import { operatorModule } from '../operator/index.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import { addresseeModule } from './addressee/index.ts';
import { individualResidentTaxModule } from './individual-resident-tax/index.ts';
import { residentRegistryModule } from './resident-registry/index.ts';
import { tenantsModule } from './tenants/index.ts';

/** Every module of the deployment, in mounting order. A new business is one line here. */
const mounted: ModuleDefinition[] = [tenantsModule, residentRegistryModule, addresseeModule, individualResidentTaxModule, interopModule];
/** The operator's console is last: it says which of the 20 businesses the modules above provide. */
export const modules: ModuleDefinition[] = [...mounted, operatorModule(mounted.map((m) => m.id))];
