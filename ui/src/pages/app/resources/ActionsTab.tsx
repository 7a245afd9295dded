import { useState } from 'react';
import { deniedReason, useCanI } from '../../../api/session';
import type { Application } from '../../../api/types';
import { rbacObject } from '../useApplication';
import { ConfirmDialog } from './ConfirmDialog';
import { getActions, runAction, type ResourceAction } from './resourceApi';
import type { ResourceId } from './resourceModel';
import { useLoad } from './useLoad';

const label = (a: ResourceAction) => a.displayName ?? a.name.charAt(0).toUpperCase() + a.name.slice(1);

function ActionButton({ app, id, action, onRun }: { app: Application; id: ResourceId; action: ResourceAction; onRun: () => void }) {
  const rbacAction = `action/${id.group}/${id.kind}/${action.name}`;
  const allowed = useCanI('applications', rbacAction, rbacObject(app));
  const title = action.disabled
    ? `${label(action)} is not available for this ${id.kind} now`
    : allowed === false
      ? deniedReason('applications', rbacAction, rbacObject(app))
      : `Run ${action.name} on ${id.kind} ${id.name}`;
  return (
    <button type="button" className="btn" onClick={onRun} disabled={action.disabled || allowed !== true} title={title}>
      {label(action)}
    </button>
  );
}

/** The resource actions of the object's kind (restart, pause, create-job, …), each run after a confirmation. */
export function ActionsTab({ app, id, version }: { app: Application; id: ResourceId; version?: string }) {
  const actions = useLoad((signal) => getActions(app, id, version, signal), `${app.metadata.name}/${id.group}/${id.kind}/${id.namespace}/${id.name}`);
  const [asking, setAsking] = useState<ResourceAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const run = async (action: ResourceAction) => {
    setBusy(true);
    try {
      await runAction(app, id, version, action.name);
      setResult({ ok: true, text: `${label(action)} ran on ${id.kind} ${id.name}.` });
      actions.reload();
    } catch (e) {
      setResult({ ok: false, text: `${label(action)} failed: ${(e as Error).message}` });
    } finally {
      setBusy(false);
      setAsking(null);
    }
  };

  return (
    <>
      {actions.error && (
        <p className="error" role="alert">
          The actions: {actions.error}
        </p>
      )}
      {actions.loading && !actions.data && <p className="muted">Loading the actions…</p>}
      {actions.data?.length === 0 && <p className="muted">{id.kind} has no actions.</p>}
      {!!actions.data?.length && (
        <div className="toolbar">
          {actions.data.map((a) => (
            <ActionButton key={a.name} app={app} id={id} action={a} onRun={() => (setResult(null), setAsking(a))} />
          ))}
        </div>
      )}
      {result && (
        <p className={result.ok ? 'ok' : 'error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      )}
      {asking && (
        <ConfirmDialog title={`${label(asking)} ${id.kind} ${id.name}?`} confirmLabel={label(asking)} busy={busy} onConfirm={() => void run(asking)} onCancel={() => setAsking(null)}>
          <p>
            This runs the <code>{asking.name}</code> action on {id.kind} <code>{id.name}</code>
            {id.namespace && (
              <>
                {' '}
                in <code>{id.namespace}</code>
              </>
            )}{' '}
            now.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
