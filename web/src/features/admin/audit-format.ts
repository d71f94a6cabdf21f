import type { AuditFilters } from './admin-api.ts';

export const AUDIT_FILTERS = ['subjectId', 'actorId', 'entityType', 'entityId', 'action'] as const;
export type AuditFilter = (typeof AUDIT_FILTERS)[number];

/** The filters named in the address, trimmed; empty ones are left out. */
export function filtersFromParams(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const name of AUDIT_FILTERS) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

/** The same filters as address parameters, in a fixed order so equal filters give equal keys. */
export function paramsFromFilters(filters: AuditFilters): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of AUDIT_FILTERS) {
    const value = filters[name]?.trim();
    if (value) params[name] = value;
  }
  return params;
}

/**
 * One value of a change record as text: strings as they are, everything else as JSON; null
 * (a field that was empty, or is now removed) is left to the caller to say in words.
 */
export function formatAuditValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    // JSON.stringify answers undefined for functions and symbols, whatever its types say.
    const text = JSON.stringify(value) as string | undefined;
    return text ?? null;
  } catch {
    // A cycle or a BigInt; the server sends plain JSON, so this is only a safeguard.
    return null;
  }
}

export interface ChangeLine {
  field: string;
  old: string | null;
  new: string | null;
}

/** `{roles: {old, new}}` as lines "field: old → new", sorted by field name. */
export function changeLines(
  changes: Readonly<Record<string, { old?: unknown; new?: unknown }>> | null,
): ChangeLine[] {
  if (!changes) return [];
  return Object.keys(changes)
    .sort()
    .map((field) => ({
      field,
      old: formatAuditValue(changes[field]?.old),
      new: formatAuditValue(changes[field]?.new),
    }));
}
