import { Command } from 'commander';
import { auditCommand } from './audit.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { demoCommand } from './demo.ts';
import { eventsCommand } from './events.ts';
import { exportCommand, importCommand } from './interop.ts';
import { jobCommand } from './job.ts';
import { migrateCommand } from './migrate.ts';
import { residentTaxCommand } from './resident-tax.ts';
import { startCommand } from './start.ts';
import { tenantCommand } from './tenant.ts';
import { userCommand } from './user.ts';

/**
 * `yakuba`: the operator's command line. Every command reads the same environment as the server
 * (DATABASE_URL, YAKUBA_DATA_DIR, PORT …), so the CLI and `npm start` always see the same database.
 */
const program = new Command('yakuba')
  .description('yakuba — 標準準拠の地方公共団体基幹業務システム / standard-compliant core business platform for Japanese local governments')
  .version('0.1.0')
  .showHelpAfterError('（--help で使い方を表示します）');

program.addCommand(startCommand());
program.addCommand(migrateCommand());
program.addCommand(tenantCommand());
program.addCommand(userCommand());
program.addCommand(jobCommand());
program.addCommand(eventsCommand());
program.addCommand(auditCommand());
program.addCommand(demoCommand());
program.addCommand(residentTaxCommand());
program.addCommand(exportCommand());
program.addCommand(importCommand());
program.addCommand(backupCommand());
program.addCommand(restoreCommand());

await program.parseAsync(process.argv);
