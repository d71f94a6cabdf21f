import type { Actor } from '../../platform/auth/actor.ts';
import { audit } from '../../platform/audit/request-audit.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import type { IdentityContext } from '../identity/identity-context.ts';
import { ledgerPolicy } from './ledger.policy.ts';
import { findAppointment, insertLedgerEntry } from './ledger.repo.ts';
import { presentEntry } from './ledger.service.ts';

/**
 * Where money comes from (C10). Only `offline` exists: an administrator confirms money received
 * by transfer or at the desk. An online provider would confirm from its own callback instead and
 * record the same `payment` entry under its name.
 */
export interface PaymentProvider {
  readonly name: string;
  confirm(input: PaymentInput): Promise<{ amountFen: number; reference: string | null }>;
}

export interface PaymentInput {
  amountFen: number;
  reference?: string | undefined;
}

export const offlinePaymentProvider: PaymentProvider = {
  name: 'offline',
  async confirm(input) {
    return { amountFen: input.amountFen, reference: input.reference ?? null };
  },
};

/**
 * Records a payment for an appointment, with its audit event in the same transaction. A client
 * cannot confirm their own payment (403); anyone who may not see the appointment's money gets
 * the same 404 as for a missing appointment.
 */
export async function recordPayment(
  ctx: IdentityContext,
  actor: Actor,
  appointmentId: string,
  input: PaymentInput,
  provider: PaymentProvider = offlinePaymentProvider,
) {
  return ctx.app.database.db.transaction(async (tx) => {
    const appointment = await findAppointment(tx, actor.organizationId, appointmentId);
    if (!appointment || !ledgerPolicy.can(actor, 'read', appointment)) throw notFound();
    if (!ledgerPolicy.can(actor, 'pay', appointment)) throw new AppError('forbidden');
    if (appointment.status === 'entered-in-error') {
      throw new AppError('invalid_transition', 'The appointment was entered in error.');
    }
    const confirmed = await provider.confirm(input);
    const entry = await insertLedgerEntry(tx, {
      organizationId: appointment.organizationId,
      clientUserId: appointment.clientUserId,
      appointmentId: appointment.id,
      kind: 'payment',
      amountFen: confirmed.amountFen,
      provider: provider.name,
      reference: confirmed.reference,
      recordedById: actor.userId,
    });
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'ledger.payment.record',
      entityType: 'ledger_entry',
      entityId: entry.id,
      subjectId: appointment.clientUserId,
      changes: { amountFen: { old: null, new: entry.amountFen } },
    });
    return presentEntry(entry);
  });
}
