/**
 * Helpers for bulk writes on an owner connection (the demo loader, the standard data import): PostgreSQL's
 * COPY text format, and a Kysely bound to one already-connected client so that the statements around a
 * COPY run in the same transaction.
 */
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';

/** One field of COPY's text format: backslash, tab, newline and carriage return escaped; NULL is \N. */
export function copyTextField(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value;
}

/** A Kysely on one connected client; releasing it is the caller's business, not Kysely's. */
export function kyselyOn(client: pg.ClientBase): Kysely<unknown> {
  const borrowed = { query: client.query.bind(client), release: () => undefined };
  return new Kysely<unknown>({ dialect: new PostgresDialect({ pool: { connect: async () => borrowed, end: async () => undefined } as unknown as pg.Pool }) });
}
