/**
 * Dates as people read them: in the organisation's time zone (a counsellor in Urumqi and one in
 * Shanghai see the same clock time as the centre), falling back to the browser's.
 */
export function formatDateTime(
  iso: string,
  locale: string,
  timeZone?: string,
  precise = false,
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = {
    dateStyle: 'medium',
    timeStyle: precise ? 'medium' : 'short',
  };
  try {
    return new Intl.DateTimeFormat(locale, timeZone ? { ...options, timeZone } : options).format(
      date,
    );
  } catch {
    // An unknown zone name from the server must not break the page.
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
}

/** The IANA zones this browser knows, with the organisation default first when given. */
export function timeZones(preferred?: string): string[] {
  const known =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = new Set<string>(preferred ? [preferred] : []);
  for (const zone of known) zones.add(zone);
  zones.add('UTC');
  return [...zones];
}
