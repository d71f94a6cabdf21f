import type { sessionTypeSchema } from '@anxin/common';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { useLiveResource } from '../counselors/use-live-resource.ts';
import { NEW_TYPE, typePatch, typeValues } from './scheduling-admin-model.ts';
import { createSessionType, listAllSessionTypes, updateSessionType } from './scheduling-api.ts';
import { SessionTypeForm } from './session-type-form.tsx';

type SessionType = ReturnType<(typeof sessionTypeSchema)['parse']>;

/**
 * The organisation's session types (C1): a table of all of them, retired ones included, an
 * edit form for the one chosen, and a form to add one. Exactly one active intake type must
 * remain; the server refuses anything else and the form says so.
 */
export function SessionTypesEditor() {
  const { t } = useTranslation();
  const types = useLiveResource('admin-session-types', listAllSessionTypes);
  const [editing, setEditing] = useState<string | null>(null);
  const [announced, setAnnounced] = useState<'saved' | 'added' | null>(null);
  return (
    <section className="panel" aria-labelledby="session-types-heading">
      <h2 id="session-types-heading">{t('scheduling.types.heading')}</h2>
      <p>{t('scheduling.types.intro')}</p>
      <p className="status-line" role="status" data-testid="session-types-done">
        {announced && t(`scheduling.types.${announced}`)}
      </p>
      <Loaded resource={types}>
        {(items) => {
          const chosen = items.find((type) => type.id === editing);
          return (
            <>
              <TypeTable
                items={items}
                editing={editing}
                onEdit={(id) => {
                  setAnnounced(null);
                  setEditing(id);
                }}
              />
              {chosen && (
                <FocusOnOpen key={chosen.id}>
                  <SessionTypeForm
                    testId="session-type-edit"
                    heading={t('scheduling.types.editHeading', { code: chosen.code })}
                    submitLabel={t('scheduling.types.save')}
                    initial={typeValues(chosen)}
                    initialFlags={{ isIntake: chosen.isIntake, active: chosen.active }}
                    codeFixed
                    save={async (body) => {
                      await updateSessionType(chosen.id, typePatch(body));
                      await types.refresh();
                      setEditing(null);
                      setAnnounced('saved');
                    }}
                    onCancel={() => {
                      setEditing(null);
                    }}
                  />
                </FocusOnOpen>
              )}
            </>
          );
        }}
      </Loaded>
      <AddSessionType
        onAdded={async () => {
          setAnnounced(null);
          await types.refresh();
        }}
      />
    </section>
  );
}

/**
 * Takes focus to the first field of a form opened below the table, so keyboard and screen
 * reader users land where the edit button sent them rather than stay on the button.
 */
function FocusOnOpen({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);
  return <div ref={ref}>{children}</div>;
}

function TypeTable({
  items,
  editing,
  onEdit,
}: {
  items: readonly SessionType[];
  editing: string | null;
  onEdit: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <p>{t('scheduling.types.empty')}</p>;
  const sorted = [...items].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.sortOrder - b.sortOrder,
  );
  return (
    <DataTable
      testId="session-types"
      caption={t('scheduling.types.caption')}
      columns={[
        t('scheduling.types.code'),
        t('scheduling.types.name'),
        t('scheduling.types.durationMinutes'),
        t('scheduling.types.buffers'),
        t('scheduling.types.kind'),
        t('scheduling.types.status'),
        t('scheduling.types.actions'),
      ]}
    >
      {sorted.map((type) => (
        <tr
          key={type.id}
          data-testid="session-type-row"
          data-code={type.code}
          data-active={type.active ? 'true' : 'false'}
          data-intake={type.isIntake ? 'true' : 'false'}
        >
          <td>
            <code>{type.code}</code>
          </td>
          <td>
            <span lang="zh-CN">{type.labelZh}</span> · <span lang="en">{type.labelEn}</span>
          </td>
          <td>{t('scheduling.types.minutes', { minutes: type.durationMinutes })}</td>
          <td>
            {t('scheduling.types.buffersValue', {
              before: type.bufferBeforeMinutes,
              after: type.bufferAfterMinutes,
            })}
          </td>
          <td>
            {type.isIntake ? (
              <span className="badge badge--strong">{t('scheduling.types.intake')}</span>
            ) : (
              t('scheduling.types.followUp')
            )}
          </td>
          <td>{type.active ? t('scheduling.types.inUse') : t('scheduling.types.retired')}</td>
          <td>
            <button
              type="button"
              className="button button--secondary button--small"
              aria-expanded={editing === type.id}
              aria-label={t('scheduling.types.editLabel', { code: type.code })}
              data-testid="session-type-row-edit"
              onClick={() => {
                onEdit(type.id);
              }}
            >
              {t('scheduling.types.edit')}
            </button>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Adding starts from a follow-up; a second active intake type would be refused (C1). */
function AddSessionType({ onAdded }: { onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const [added, setAdded] = useState(false);
  // A new key after each addition empties the form for the next one.
  const [round, setRound] = useState(0);
  return (
    <SessionTypeForm
      key={round}
      testId="session-type-add"
      heading={t('scheduling.types.addHeading')}
      submitLabel={t('scheduling.types.add')}
      initial={NEW_TYPE}
      initialFlags={{ isIntake: false, active: true }}
      codeFixed={false}
      save={async (body) => {
        setAdded(false);
        await createSessionType(body);
        await onAdded();
        setRound((current) => current + 1);
        setAdded(true);
      }}
      status={added && t('scheduling.types.added')}
      statusTestId="session-type-added"
    />
  );
}
