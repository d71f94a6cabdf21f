import type { ReactNode } from 'react';
import { PageHeading } from './page-heading.tsx';

interface PageFrameProps {
  testId: string;
  /** Short page name for the document title. */
  title: string;
  /** The h1, when it says more than the title (a person's name, say). */
  heading?: ReactNode;
  width?: 'wide' | 'full';
  /** A local menu under the heading. */
  nav?: ReactNode;
  /** One paragraph saying what the page is for. */
  lead?: ReactNode;
  children: ReactNode;
}

/** A page's frame: its width, heading and document title, local menu and lead paragraph. */
export function PageFrame({
  testId,
  title,
  heading = title,
  width,
  nav,
  lead,
  children,
}: PageFrameProps) {
  return (
    <div className={width ? `page page--${width}` : 'page'} data-testid={testId}>
      <PageHeading title={title}>{heading}</PageHeading>
      {nav}
      {lead && <p className="lead">{lead}</p>}
      {children}
    </div>
  );
}
