import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface CopyButtonProps {
  text: string;
  testId: string;
  /** What is copied, for the button's name: "Copy the backup codes". */
  label: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies to the clipboard and says so in a live region; on failure asks to copy by hand. */
export function CopyButton({ text, testId, label }: CopyButtonProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<CopyState>('idle');
  const copy = () => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) {
      setState('failed');
      return;
    }
    clipboard.writeText(text).then(
      () => {
        setState('copied');
      },
      () => {
        setState('failed');
      },
    );
  };
  return (
    <span className="copy">
      <button
        type="button"
        className="button button--secondary"
        onClick={copy}
        data-testid={testId}
      >
        {label}
      </button>
      <span className="copy__status" role="status">
        {state === 'copied' && t('common.copied')}
        {state === 'failed' && t('common.copyFailed')}
      </span>
    </span>
  );
}
