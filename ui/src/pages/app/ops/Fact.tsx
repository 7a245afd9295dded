import type { ReactNode } from 'react';

/** One labelled fact in a .ops-facts definition list; wide spans two columns. */
export function Fact({ label, children, wide, testId }: { label: string; children: ReactNode; wide?: boolean; testId?: string }) {
  return (
    <div className={`ops-item${wide ? ' ops-item-wide' : ''}`} data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
