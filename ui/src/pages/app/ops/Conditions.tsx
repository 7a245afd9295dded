import type { ApplicationCondition } from '../../../api/types';
import { Ago } from '../../../components/Status';

function severity(type: string): 'error' | 'warning' | 'info' {
  if (/Error$/.test(type)) return 'error';
  if (/Warning$/.test(type)) return 'warning';
  return 'info';
}

/** The app's conditions (ComparisonError, SyncError, OrphanedResourceWarning…), errors first, hard to miss. */
export function Conditions({ conditions }: { conditions?: ApplicationCondition[] }) {
  if (!conditions || conditions.length === 0) return null;
  const order = { error: 0, warning: 1, info: 2 };
  const sorted = [...conditions].sort((a, b) => order[severity(a.type)] - order[severity(b.type)]);
  return (
    <section className="ops-conditions" aria-label="Conditions">
      <ul>
        {sorted.map((c, i) => (
          <li key={i} className={`ops-condition ops-condition-${severity(c.type)}`}>
            <strong>
              <span aria-hidden="true">{severity(c.type) === 'error' ? '✖ ' : '⚠ '}</span>
              {c.type}
            </strong>
            : {c.message} {c.lastTransitionTime && <span className="muted">(<Ago time={c.lastTransitionTime} />)</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
