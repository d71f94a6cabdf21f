import type { ReactNode } from 'react';

interface NoticeProps {
  children: ReactNode;
  testId?: string;
}

/** A polite, non-blocking message: announced by screen readers without stealing focus. */
export function Notice({ children, testId }: NoticeProps) {
  return (
    <div className="notice" role="status" data-testid={testId}>
      <p>{children}</p>
    </div>
  );
}
