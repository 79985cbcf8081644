import { interopModule } from '../interop/index.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import { addresseeModule } from './addressee/index.ts';
import { individualResidentTaxModule } from './individual-resident-tax/index.ts';
import { residentRegistryModule } from './resident-registry/index.ts';
import { tenantsModule } from './tenants/index.ts';

/** Every module of the deployment, in mounting order. A new business is one line here. */
export const modules: ModuleDefinition[] = [tenantsModule, residentRegistryModule, addresseeModule, individualResidentTaxModule, interopModule];
