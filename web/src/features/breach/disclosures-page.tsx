import type { Disclosure } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShellData } from '../../app/shell-data.ts';
import { useDateFormat } from '../../app/use-date-format.ts';
import { DataTable } from '../../components/data-table.tsx';
import { useMessage } from '../../components/form.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import type { Message } from '../../i18n/keys.ts';
import { messageForError } from '../../lib/form-errors.ts';
import { useResource } from '../../lib/use-resource.ts';
import { approveDisclosure, listDisclosures, listMyClients } from './breach-api.ts';
import { DisclosureForm } from './disclosure-form.tsx';

/** The disclosure register for administrators and approvers (B7, C7). */
export function DisclosuresAdminPage() {
  const { t } = useTranslation();
  const { actor } = useShellData();
  const abilities = actor?.abilities ?? [];
  const list = useResource('disclosures', (signal) => listDisclosures({}, signal));
  return (
    <PageFrame
      testId="disclosures-admin-page"
      width="wide"
      title={t('breach.disclosure.adminTitle')}
      lead={t('breach.disclosure.adminLead')}
    >
      <Loaded resource={list}>
        {({ items }) => (
          <DisclosureTable
            items={items}
            mayApprove={abilities.includes('disclosure.approve')}
            onApproved={list.reload}
          />
        )}
      </Loaded>
      {abilities.includes('disclosure.record') && <DisclosureForm onRecorded={list.reload} />}
    </PageFrame>
  );
}

/** A counselor records a disclosure about one of their clients, and sees those they recorded. */
export function CounselorDisclosuresPage() {
  const { t } = useTranslation();
  const clients = useResource('my-clients', listMyClients);
  const list = useResource('my-disclosures', (signal) => listDisclosures({}, signal));
  return (
    <PageFrame
      testId="counselor-disclosures-page"
      width="wide"
      title={t('breach.disclosure.counselorTitle')}
      lead={t('breach.disclosure.counselorLead')}
    >
      <Loaded resource={clients}>
        {(data) =>
          data.length === 0 ? (
            <p data-testid="disclosure-no-clients">{t('breach.disclosure.noClients')}</p>
          ) : (
            <DisclosureForm clients={data} onRecorded={list.reload} />
          )
        }
      </Loaded>
      <Loaded resource={list}>
        {({ items }) => (
          <DisclosureTable items={items} mayApprove={false} onApproved={list.reload} />
        )}
      </Loaded>
    </PageFrame>
  );
}

function DisclosureTable({
  items,
  mayApprove,
  onApproved,
}: {
  items: readonly Disclosure[];
  mayApprove: boolean;
  onApproved: () => void;
}) {
  const { t } = useTranslation();
  const say = useMessage();
  const formatDate = useDateFormat();
  const { actor } = useShellData();
  const [message, setMessage] = useState<Message | null>(null);
  const approve = (id: string) => {
    setMessage(null);
    approveDisclosure(id).then(
      () => {
        setMessage({ key: 'breach.disclosure.approved' });
        onApproved();
      },
      (error: unknown) => {
        setMessage(messageForError(error));
      },
    );
  };
  if (items.length === 0)
    return <p data-testid="disclosures-empty">{t('breach.disclosure.empty')}</p>;
  return (
    <>
      <p className="status-line" role="status">
        {message && say(message)}
      </p>
      <DataTable
        testId="disclosures-table"
        caption={t('breach.disclosure.listCaption')}
        columns={[
          t('breach.disclosure.disclosedAt'),
          t('breach.disclosure.basis'),
          t('breach.disclosure.recipient'),
          t('breach.disclosure.content'),
          t('breach.disclosure.approval'),
        ]}
      >
        {items.map((d) => (
          <tr key={d.id} data-testid="disclosure-row">
            <td>{formatDate(d.disclosedAt)}</td>
            <td>
              {t(`breach.basis.${d.basis}`)}
              {d.legalReference && <div className="field__hint">{d.legalReference}</div>}
            </td>
            <td>{d.recipient}</td>
            <td>{d.content}</td>
            <td>
              {d.approvalPending ? (
                mayApprove && d.recordedBy !== actor?.id ? (
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => {
                      approve(d.id);
                    }}
                    data-testid={`disclosure-approve-${d.id}`}
                  >
                    {t('breach.disclosure.approve')}
                  </button>
                ) : (
                  <span className="status status--act">{t('breach.disclosure.pending')}</span>
                )
              ) : d.approvedAt ? (
                t('breach.disclosure.approvedAt', { at: formatDate(d.approvedAt) })
              ) : (
                t('breach.disclosure.notNeeded')
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
