import { useId, useState, type ReactNode } from 'react';

interface DisclosureProps {
  heading: string;
  testId: string;
  /** Said under the heading while closed or open, e.g. that opening it is recorded. */
  hint?: ReactNode;
  /** Rendered only while open: what it loads is loaded when opened, and let go when closed. */
  children: () => ReactNode;
}

/**
 * A section that starts closed; its heading is the button that opens it (aria-expanded). For
 * content that should not load with the page, such as sensitive data whose reading is audited.
 */
export function Disclosure({ heading, testId, hint, children }: DisclosureProps) {
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const bodyId = useId();
  const hintId = useId();
  return (
    <section className="panel disclosure" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId} className="disclosure__heading">
        <button
          type="button"
          className="disclosure__toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          aria-describedby={hint ? hintId : undefined}
          data-testid={`${testId}-toggle`}
          onClick={() => {
            setOpen(!open);
          }}
        >
          {heading}
        </button>
      </h2>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <div id={bodyId} className="disclosure__body" hidden={!open}>
        {open && children()}
      </div>
    </section>
  );
}
