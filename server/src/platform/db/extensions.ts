import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';

/**
 * Postgres extensions the migrations may `CREATE EXTENSION`. PGlite must have them loaded when the
 * instance is constructed (a migration needing a missing one fails); Debian's server ships them in
 * postgresql-contrib. btree_gist backs booking exclusion constraints, pg_trgm directory search,
 * pgcrypto digests in SQL.
 */
export const PGLITE_EXTENSIONS = { btree_gist, pg_trgm, pgcrypto };
