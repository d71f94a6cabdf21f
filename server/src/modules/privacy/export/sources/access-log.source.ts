import { collectAccessLog } from '../access-log.repo.ts';
import type { ExportSource } from '../export-source.ts';

/** Who accessed the person's records: every audit event about them. */
export const accessLogSource: ExportSource = {
  name: 'accessLog',
  async collect(tx, _vault, subject) {
    const entries = await collectAccessLog(tx, subject, { limit: null });
    return entries.map(({ seq: _seq, ...e }) => e);
  },
};
