// Opening a node-postgres connection, and naming another database on the same
// server: written once here for the tooling (backups, drift checks) and the
// test setup, which all need a short admin connection beside the app's pool.
import pg from "pg";
import { postgresqlConnectionConfig } from "../../app/db-adapter.server";

/** The URL of another database on the same server: same host, role and settings, only the database differs. */
export function databaseUrlFor(url: string, database: string): string {
  const other = new URL(url);
  other.pathname = `/${encodeURIComponent(database)}`;
  return other.toString();
}

/** Opens one connection to the database `url` names, runs `fn` with it, and closes it however `fn` ends. */
export async function withPostgresqlClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(postgresqlConnectionConfig(url));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
