import { useState } from 'react';
import { deniedReason, useCanI } from '../../api/session';
import type { Application } from '../../api/types';
import { refreshApp, syncApp } from './appActions';

export interface ActionResult {
  ok: boolean;
  message: string;
}

/** Sync / Refresh / Delete for one app of the list; each disabled, with the reason, when RBAC says no. */
export function AppRowActions({ app, onResult, onDelete }: { app: Application; onResult: (r: ActionResult) => void; onDelete: (app: Application) => void }) {
  const object = `${app.spec.project}/${app.metadata.name}`;
  const canSync = useCanI('applications', 'sync', object);
  const canGet = useCanI('applications', 'get', object);
  const canDelete = useCanI('applications', 'delete', object);
  const [busy, setBusy] = useState(false);
  const name = app.metadata.name;

  const run = async (what: string, action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      onResult({ ok: true, message: `${what} of ${name} started` });
    } catch (e) {
      onResult({ ok: false, message: `${what} of ${name}: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="row-actions">
      <button
        type="button"
        className="btn small"
        disabled={!canSync || busy}
        title={canSync === false ? deniedReason('applications', 'sync', object) : `Sync ${name}`}
        aria-label={`Sync ${name}`}
        onClick={(e) => {
          e.stopPropagation();
          void run('Sync', () => syncApp(app));
        }}
      >
        Sync
      </button>
      <button
        type="button"
        className="btn small"
        disabled={!canGet || busy}
        title={canGet === false ? deniedReason('applications', 'get', object) : `Refresh ${name}`}
        aria-label={`Refresh ${name}`}
        onClick={(e) => {
          e.stopPropagation();
          void run('Refresh', () => refreshApp(app));
        }}
      >
        Refresh
      </button>
      <button
        type="button"
        className="btn small danger"
        disabled={!canDelete || busy}
        title={canDelete === false ? deniedReason('applications', 'delete', object) : `Delete ${name}`}
        aria-label={`Delete ${name}`}
        onClick={(e) => {
          e.stopPropagation();
          onDelete(app);
        }}
      >
        Delete
      </button>
    </span>
  );
}
