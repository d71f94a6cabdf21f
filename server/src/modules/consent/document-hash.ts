import { createHash } from 'node:crypto';

export interface DocumentTexts {
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
}

/** Unicode NFC and LF line ends, so the same text always hashes the same. */
const canonical = (s: string) => s.normalize('NFC').replace(/\r\n?/g, '\n');

/**
 * SHA-256 (hex) of a document's texts in a fixed order. Consents record it, so anyone can later
 * prove which words a person agreed to, even if a row were tampered with.
 */
export function documentHash(d: DocumentTexts): string {
  const form = JSON.stringify([
    canonical(d.titleZh),
    canonical(d.titleEn),
    canonical(d.bodyZh),
    canonical(d.bodyEn),
  ]);
  return createHash('sha256').update(form, 'utf8').digest('hex');
}
