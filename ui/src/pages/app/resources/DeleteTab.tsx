import { useId, useState } from 'react';
import { deniedReason, useCanI } from '../../../api/session';
import type { Application } from '../../../api/types';
import { rbacObject } from '../useApplication';
import { ConfirmDialog } from './ConfirmDialog';
import { deleteResource, type Propagation } from './resourceApi';
import type { ResourceId } from './resourceModel';

const propagations: { value: Propagation; label: string; help: string }[] = [
  { value: 'foreground', label: 'Foreground', help: 'The object goes once its dependents (ReplicaSets, Pods, …) are deleted.' },
  { value: 'background', label: 'Background', help: 'The object goes at once; its dependents are deleted after it.' },
  { value: 'orphan', label: 'Orphan', help: 'The object goes; its dependents stay, owned by nothing.' },
];

/** Deletes the object from the cluster, after the caller types its name. */
export function DeleteTab({ app, id, version, onDeleted }: { app: Application; id: ResourceId; version?: string; onDeleted: () => void }) {
  const rbacAction = `delete/${id.group}/${id.kind}/${id.namespace}/${id.name}`;
  const allowed = useCanI('applications', rbacAction, rbacObject(app));
  const [propagation, setPropagation] = useState<Propagation>('foreground');
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteResource(app, id, version, propagation);
      setAsking(false);
      onDeleted();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <>
      <p>
        Deletes {id.kind} <code>{id.name}</code> from the cluster. If the application manages it and syncs automatically, the next sync creates it again; a
        Pod is replaced by its ReplicaSet.
      </p>
      <fieldset className="res-propagation">
        <legend>Propagation</legend>
        {propagations.map((p) => (
          <label key={p.value} className="inline">
            <input type="radio" name={`${ids}-propagation`} value={p.value} checked={propagation === p.value} onChange={() => setPropagation(p.value)} />
            <span>
              <strong>{p.label}</strong> <span className="muted">— {p.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="toolbar">
        <button
          type="button"
          className="btn danger"
          disabled={allowed !== true}
          title={allowed === false ? deniedReason('applications', rbacAction, rbacObject(app)) : undefined}
          onClick={() => (setTyped(''), setError(null), setAsking(true))}
        >
          Delete…
        </button>
      </div>
      {error && !asking && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {asking && (
        <ConfirmDialog
          title={`Delete ${id.kind} ${id.name}?`}
          confirmLabel="Delete"
          danger
          busy={busy}
          disabled={typed !== id.name}
          onConfirm={() => void remove()}
          onCancel={() => setAsking(false)}
        >
          <p>
            {propagations.find((p) => p.value === propagation)!.label} deletion: {propagations.find((p) => p.value === propagation)!.help}
          </p>
          <label>
            Type <code>{id.name}</code> to confirm
            <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
