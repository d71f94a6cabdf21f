/** Flattens nested messages to dotted keys, the way `t()` addresses them. */
export function flattenMessages(messages: object, prefix = ''): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [nested, leaf] of flattenMessages(value as object, path)) flat.set(nested, leaf);
    } else {
      flat.set(path, value);
    }
  }
  return flat;
}

/** The `{{name}}` placeholders and `<tag>` components a message uses, sorted. */
export function messageSlots(message: string): string[] {
  const slots = [...message.matchAll(/\{\{\s*(\w+)\s*\}\}|<\/?(\w+)>/g)].map(
    (match) => match[1] ?? `<${match[2] ?? ''}>`,
  );
  return [...new Set(slots)].sort();
}
