import { createHash } from 'node:crypto';
import type { PersonalDataExport } from '@anxin/common';
import { exportLabels } from './export-labels.ts';

/** Escapes text for HTML content and attribute values. Everything from the export goes through it. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4;width:12rem}pre{white-space:pre-wrap;margin:0}.empty{color:#666}`;

const STYLE_SOURCE = `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;
/** Kept inside the file too, for when it is opened from disk: nothing loads, only its style. */
const META_CSP = `default-src 'none'; ${STYLE_SOURCE}`;

/** The policy the document is served with: nothing loads, only its own style block applies. */
export const EXPORT_HTML_CSP = [
  "default-src 'none'",
  STYLE_SOURCE,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  'sandbox',
].join('; ');

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function formatValue(value: unknown, fmt: Intl.DateTimeFormat): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string')
    return escapeHtml(INSTANT.test(value) ? fmt.format(new Date(value)) : value);
  if (typeof value === 'number' || typeof value === 'boolean') return escapeHtml(String(value));
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return escapeHtml(value.join(', '));
  }
  return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

/**
 * The export as one self-contained, readable document: no scripts, no external resources, every
 * value escaped. One table per record (field, value), so long texts stay readable.
 */
export function renderExportHtml(
  data: PersonalDataExport,
  opts: { locale: 'zh-CN' | 'en'; timeZone: string },
): string {
  const l = exportLabels(opts.locale);
  const fmt = new Intl.DateTimeFormat(opts.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: opts.timeZone,
  });
  const out: string[] = [
    '<!doctype html>',
    `<html lang="${opts.locale === 'en' ? 'en' : 'zh-CN'}">`,
    '<head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(META_CSP)}">`,
    `<title>${escapeHtml(l.title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(l.title)}</h1>`,
    `<p>${escapeHtml(l.intro)}</p>`,
    `<p>${escapeHtml(l.generatedAt)}: ${formatValue(data.generatedAt, fmt)}</p>`,
  ];
  for (const [name, records] of Object.entries(data.sections)) {
    out.push(`<section><h2>${escapeHtml(l.sections[name] ?? name)} (${records.length})</h2>`);
    if (records.length === 0) out.push(`<p class="empty">${escapeHtml(l.empty)}</p>`);
    for (const record of records) {
      out.push('<table><tbody>');
      for (const [key, value] of Object.entries(record)) {
        out.push(
          `<tr><th scope="row">${escapeHtml(l.fields[key] ?? key)}</th><td>${formatValue(value, fmt)}</td></tr>`,
        );
      }
      out.push('</tbody></table>');
    }
    out.push('</section>');
  }
  out.push('</body></html>');
  return out.join('\n');
}
