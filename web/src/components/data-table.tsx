import { useId, type ReactNode } from 'react';

interface DataTableProps {
  testId: string;
  /** Read by screen readers only; also names the scrollable region around the table. */
  caption: ReactNode;
  /** Column headings; `false` leaves a column out. */
  columns: readonly (ReactNode | false)[];
  /** The rows (`<tr>` elements). */
  children: ReactNode;
}

/**
 * A table in a region that scrolls sideways on narrow screens and can be scrolled with the
 * keyboard (it takes focus), named by the table's caption.
 */
export function DataTable({ testId, caption, columns, children }: DataTableProps) {
  const captionId = useId();
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table" data-testid={testId}>
        <caption id={captionId} className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map(
              (column, index) =>
                column !== false && (
                  <th key={index} scope="col">
                    {column}
                  </th>
                ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
