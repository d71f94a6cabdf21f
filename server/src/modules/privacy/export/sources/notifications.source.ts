import { and, asc, eq } from 'drizzle-orm';
import { notificationOutbox } from '../../../../platform/db/schema/index.ts';
import { openOutboxRow } from '../../../notifications/notification.service.ts';
import { iso, type ExportSource } from '../export-source.ts';

/**
 * Messages addressed to the person (in the app, and by e-mail or SMS). Attachments (calendar
 * files) are left out: they repeat the appointment already in the export.
 */
export const notificationsSource: ExportSource = {
  name: 'notifications',
  async collect(tx, vault, subject) {
    const rows = await tx
      .select()
      .from(notificationOutbox)
      .where(
        and(
          eq(notificationOutbox.organizationId, subject.organizationId),
          eq(notificationOutbox.userId, subject.userId),
        ),
      )
      .orderBy(asc(notificationOutbox.createdAt));
    const out = [];
    for (const row of rows) {
      const message = await openOutboxRow(vault, row).catch(() => null);
      out.push({
        id: row.id,
        channel: row.channel,
        to: message?.to ?? null,
        subject: message?.subject ?? null,
        text: message?.text ?? null,
        status: row.status,
        createdAt: iso(row.createdAt),
        sentAt: iso(row.sentAt),
        readAt: iso(row.readAt),
      });
    }
    return out;
  },
};
