import { AppError, ValidationError } from '../platform/errors.ts';
import { DatabaseUnavailableError } from '../platform/db/database.ts';
import { MigrationError } from '../platform/db/migrations.ts';
import { MyNumberConfigError } from '../platform/my-number/index.ts';
import { openSystem, type System, type SystemOptions } from '../system.ts';

/**
 * Runs a command against an open system and turns known failures into one clear Japanese line on
 * stderr and a non-zero exit code, instead of a stack trace.
 */
export async function withSystem(fn: (system: System) => Promise<void>, options: SystemOptions = {}): Promise<void> {
  let system: System | undefined;
  try {
    system = await openSystem(options);
    await fn(system);
  } catch (error) {
    process.exitCode = reportError(error);
  } finally {
    await system?.close();
  }
}

export function reportError(error: unknown): number {
  if (error instanceof ValidationError) {
    console.error(`エラー: ${error.title}`);
    for (const e of error.errors) console.error(`  - ${e.message}`);
    return 2;
  }
  if (error instanceof AppError || error instanceof DatabaseUnavailableError || error instanceof MigrationError || error instanceof MyNumberConfigError) {
    console.error(`エラー: ${error.message}`);
    return 1;
  }
  console.error('予期しないエラーが発生しました:', error);
  return 1;
}
