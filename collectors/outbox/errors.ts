// Turns what pg throws into a TruthflowError whose kind the scrape-status panel puts into words.
// SQLSTATE codes: https://www.postgresql.org/docs/current/errcodes-appendix.html
import pg from 'pg';
import { TruthflowError, errorKindOf, type ErrorKind } from '@/lib/errors';

const BY_SQLSTATE: Record<string, ErrorKind> = {
  '28P01': 'auth', // invalid password
  '28000': 'auth', // invalid authorization (e.g. role does not exist)
  '42501': 'auth', // insufficient privilege: the role may not read the table
  '42P01': 'config', // undefined table
  '42703': 'config', // undefined column
  '3F000': 'config', // invalid schema name
  '3D000': 'config', // the database in the source URL does not exist
  '57014': 'timeout', // statement timeout (or cancel)
  '57P01': 'network', // server shutting down
  '57P02': 'network',
  '57P03': 'network', // cannot connect now (starting up, recovering)
};

/** pg-pool's own failures carry no code; recognise them by message. */
const BY_MESSAGE: [RegExp, ErrorKind][] = [
  [/timeout exceeded when trying to connect|query read timeout/i, 'timeout'],
  [/connection terminated|server closed the connection|connection ended/i, 'network'],
];

export function postgresError(error: unknown, where: string): TruthflowError {
  if (error instanceof TruthflowError) {
    return new TruthflowError(error.kind, `${where}: ${error.message}`, { cause: error });
  }
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  let kind: ErrorKind | undefined = typeof code === 'string' ? BY_SQLSTATE[code] : undefined;
  // Connection exceptions (class 08) are the network's fault whatever the exact code.
  if (kind === undefined && typeof code === 'string' && code.startsWith('08')) kind = 'network';
  kind ??= BY_MESSAGE.find(([pattern]) => pattern.test(message))?.[1];
  // Any other error the server raised means our query met a table it did not expect.
  kind ??= error instanceof pg.DatabaseError ? 'config' : errorKindOf(error);
  return new TruthflowError(kind, `${where}: ${message}`, { cause: error });
}
