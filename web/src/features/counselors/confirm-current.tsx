import { ActionButton, type ActionState } from './action-state.tsx';
import { confirmCurrent } from './counselor-api.ts';
import type { ProfileProps } from './profile-gate.tsx';

/**
 * A8: the profile is confirmed as still accurate, by its owner or an administrator; the page
 * loads it again to show the new date.
 */
export function ConfirmCurrentButton({
  state,
  profile,
  onChanged,
  testId,
  label,
}: ProfileProps & { state: ActionState; testId: string; label: string }) {
  return (
    <ActionButton
      state={state}
      id="confirm"
      testId={testId}
      label={label}
      action={async () => {
        await confirmCurrent(profile.id);
        await onChanged();
      }}
      success={{ key: 'counselors.profile.confirmed' }}
    />
  );
}
