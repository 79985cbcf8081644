/**
 * `npm run bench -- <name> [options]`: runs one benchmark and prints its figures with their ratio to a
 * limit measured in the same run on the same database.
 */
const benches: Record<string, () => Promise<{ main(args: string[]): Promise<void> }>> = {
  events: () => import('./events.ts'),
  'resident-registry': () => import('./resident-registry.ts'),
  'individual-resident-tax': () => import('./individual-resident-tax.ts'),
  interop: () => import('./interop.ts'),
  soak: () => import('./soak.ts'),
  metering: () => import('./metering.ts'),
};

const [name, ...args] = process.argv.slice(2);
const load = name ? benches[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]`);
  process.exit(2);
}
await (await load()).main(args);
