import path from 'node:path';

/**
 * Where the data lives. One reading of the environment, shared by `npm start`, the CLI and tests,
 * so that every entry point agrees on which database it is talking to.
 */
export type DatabaseConfig =
  | { engine: 'pglite'; dataDir: string }
  | { engine: 'postgres'; ownerUrl: string; appUrl: string };

/** The role the application runs as: not a superuser, never the owner of a table, so RLS binds it. */
export const APP_ROLE = 'yakuba_app';

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const ownerUrl = env.DATABASE_URL?.trim();
  if (!ownerUrl) {
    return { engine: 'pglite', dataDir: path.resolve(env.YAKUBA_DATA_DIR?.trim() || './data') };
  }
  return { engine: 'postgres', ownerUrl, appUrl: env.YAKUBA_APP_DATABASE_URL?.trim() || appUrlFor(ownerUrl, env) };
}

/** The application's URL: the owner's server and database, as the application role. */
export function appUrlFor(ownerUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = env.YAKUBA_APP_PASSWORD ?? '';
  return url.toString();
}
