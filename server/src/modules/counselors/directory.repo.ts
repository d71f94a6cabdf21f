import {
  and,
  arrayContains,
  eq,
  getTableName,
  gte,
  ilike,
  lte,
  sql,
  type Column,
  type SQL,
  type Table,
} from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { DirectoryQuery } from '@anxin/common';
import type { Db } from '../../platform/db/database.ts';
import {
  counselorProfiles,
  counselorQualifications,
  organizations,
} from '../../platform/db/schema/index.ts';
import { listableWhere } from './counselor-eligibility.ts';

const p = counselorProfiles;
const q = counselorQualifications;

export type DirectoryFilter = Omit<DirectoryQuery, 'sort' | 'limit' | 'offset'>;

export async function findOrganizationById(db: Db, id: string) {
  return (await db.select().from(organizations).where(eq(organizations.id, id)).limit(1))[0];
}

/** `%` and `_` typed by a visitor are letters, not wildcards. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Listable profiles of the organisation (A3, via the one shared predicate) narrowed by the
 * visitor's filters. Array filters use `@>`, which the GIN indexes on specialties and languages
 * answer; the others are cheap on the listable set.
 */
export function directoryWhere(organizationId: string, today: string, f: DirectoryFilter): SQL {
  const clauses: (SQL | undefined)[] = [
    eq(p.organizationId, organizationId),
    listableWhere(today),
    f.specialty ? arrayContains(p.specialties, [f.specialty]) : undefined,
    f.approach ? arrayContains(p.approaches, [f.approach]) : undefined,
    f.language ? arrayContains(p.languages, [f.language]) : undefined,
    f.modality ? arrayContains(p.modalities, [f.modality]) : undefined,
    f.gender ? eq(p.gender, f.gender) : undefined,
    f.priceMin !== undefined ? gte(p.feeFromFen, f.priceMin) : undefined,
    f.priceMax !== undefined ? lte(p.feeFromFen, f.priceMax) : undefined,
    f.q ? ilike(p.displayName, `%${likeEscape(f.q)}%`) : undefined,
  ];
  return and(...clauses) ?? sql`false`;
}

// Byte order, so both backends (PGlite's and a server's default collation) sort alike; pinyin
// order would need an ICU collation that the embedded database does not ship.
const byName = sql`${p.displayName} COLLATE "C" ASC`;
const byId = sql`${p.id} ASC`;

/**
 * The ORDER BY of a sort, always ending on the id so pages never overlap. `relevance` has no
 * ratings or availability to weigh yet (A7: nothing is invented): with a name search, names that
 * start with the text come first; then more years of practice, then the name. Scheduling and
 * feedback will refine it when they exist.
 */
export function directoryOrder(sort: DirectoryQuery['sort'], text: string | undefined): SQL[] {
  const years = sql`${p.yearsOfPractice} DESC`;
  switch (sort) {
    case 'price_asc':
      return [sql`${p.feeFromFen} ASC NULLS LAST`, byName, byId];
    case 'price_desc':
      return [sql`${p.feeFromFen} DESC NULLS LAST`, byName, byId];
    case 'experience':
      return [years, byName, byId];
    case 'name':
      return [byName, byId];
    case 'relevance': {
      const prefix = text
        ? [sql`(${p.displayName} ILIKE ${`${likeEscape(text)}%`}) DESC`]
        : ([] as SQL[]);
      return [...prefix, years, byName, byId];
    }
  }
}

/**
 * `table.column` spelled out. In a single-table select Drizzle names columns without their
 * table, which inside a correlated subquery would bind to the subquery's own table.
 */
function qualified(table: Table, column: Column): SQL {
  return sql`${sql.identifier(getTableName(table))}.${sql.identifier(column.name)}`;
}

/**
 * The public columns of a listed profile. `qualificationTypes` are the codes of verified,
 * unexpired certificates (never their numbers).
 *
 * `nextAvailableAt` stays NULL here: slots come from weekly rules in each counselor's zone, which
 * SQL cannot expand portably, so the service fills it for the page (scheduling/next-available.ts).
 */
function directoryColumns(today: string) {
  return {
    id: p.id,
    displayName: p.displayName,
    gender: p.gender,
    languages: p.languages,
    specialties: p.specialties,
    approaches: p.approaches,
    modalities: p.modalities,
    yearsOfPractice: p.yearsOfPractice,
    feeFromFen: p.feeFromFen,
    fees: p.fees,
    bioZh: p.bioZh,
    bioEn: p.bioEn,
    photoFileId: p.photoFileId,
    qualificationTypes: sql<string[]>`ARRAY(
      SELECT DISTINCT dq.type_code FROM ${q} dq
      WHERE dq.counselor_id = ${qualified(p, p.id)} AND dq.status = 'verified'
        AND (dq.expires_on IS NULL OR dq.expires_on >= ${today})
      ORDER BY 1)`,
    nextAvailableAt: sql<Date | null>`NULL::timestamptz`,
  };
}

/** The one FROM of every directory read: lateral joins of later modules go here. */
function selectListed<T extends SelectedFields>(db: Db, today: string, extra: T) {
  return db
    .select({ ...directoryColumns(today), ...extra })
    .from(p)
    .$dynamic();
}

export type DirectoryRow = NonNullable<Awaited<ReturnType<typeof findListedCounselor>>>;

/**
 * One page and the total in one query (`count(*) OVER ()` rides on the page). Only a page past
 * the end, which has no row to carry the total, costs a second, counting query.
 */
export async function findDirectoryPage(
  db: Db,
  organizationId: string,
  today: string,
  query: DirectoryQuery,
) {
  const where = directoryWhere(organizationId, today, query);
  const rows = await selectListed(db, today, {
    total: sql<number>`count(*) OVER ()`.mapWith(Number),
  })
    .where(where)
    .orderBy(...directoryOrder(query.sort, query.q))
    .limit(query.limit)
    .offset(query.offset);
  let total = rows[0]?.total;
  if (total === undefined) {
    total = query.offset === 0 ? 0 : await countListed(db, where);
  }
  return { rows, total };
}

async function countListed(db: Db, where: SQL): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(p)
    .where(where);
  return rows[0]?.n ?? 0;
}

/** A listed counselor by id; undefined when missing, in another organisation, or not listable. */
export async function findListedCounselor(
  db: Db,
  organizationId: string,
  today: string,
  id: string,
) {
  const rows = await selectListed(db, today, {})
    .where(and(eq(p.id, id), directoryWhere(organizationId, today, {})))
    .limit(1);
  return rows[0];
}
