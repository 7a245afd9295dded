import { useEffect, useState, type ReactNode } from 'react';
import { Dialog } from '../../../components/Dialog';
import { SyncBadge } from '../../../components/Status';
import type { Application, ApplicationSyncWindows } from '../../../api/types';
import { appApi } from './appApi';
import { resourceKey } from './diffModel';
import { ErrorNote } from './ErrorNote';
import { disabledReason, type Guard } from './GuardedButton';
import { formProblems, initialForm, optionBoxes, syncableResources, syncRequest, type SyncForm } from './syncForm';
import { useAction } from './useAction';

function Check({ checked, onChange, children, hint }: { checked: boolean; onChange: (v: boolean) => void; children: ReactNode; hint?: string }) {
  return (
    <label className="inline">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {children} {hint && <span className="muted ops-hint">({hint})</span>}
      </span>
    </label>
  );
}

const retryFields = [
  ['retryLimit', 'Limit'],
  ['backoffDuration', 'Backoff duration'],
  ['backoffFactor', 'Backoff factor'],
  ['backoffMaxDuration', 'Maximum backoff'],
] as const;

function RetryFields({ form, set }: { form: SyncForm; set: (patch: Partial<SyncForm>) => void }) {
  return (
    <fieldset className="ops-fieldset">
      <legend>Retry</legend>
      <Check checked={form.retry} onChange={(retry) => set({ retry })}>
        Retry a failed sync
      </Check>
      {form.retry && (
        <div className="ops-grid">
          {retryFields.map(([field, label]) => (
            <label key={field}>
              {label}
              <input value={form[field]} onChange={(e) => set({ [field]: e.target.value })} />
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

function ResourceChoice({ app, form, set }: { app: Application; form: SyncForm; set: (patch: Partial<SyncForm>) => void }) {
  const resources = syncableResources(app);
  if (resources.length === 0) return <p className="muted">The application has no resources yet: the sync applies everything Git holds.</p>;
  const toggle = (key: string, on: boolean) => {
    const selected = new Set(form.selected);
    if (on) selected.add(key);
    else selected.delete(key);
    set({ selected });
  };
  const choose = (keys: string[]) => set({ selected: new Set(keys) });
  return (
    <fieldset className="ops-fieldset">
      <legend>
        Resources ({form.selected.size} of {resources.length})
      </legend>
      <div className="toolbar">
        <button type="button" className="btn small" onClick={() => choose(resources.map(resourceKey))}>
          All
        </button>
        <button type="button" className="btn small" onClick={() => choose(resources.filter((r) => r.status !== 'Synced').map(resourceKey))}>
          Out of sync
        </button>
        <button type="button" className="btn small" onClick={() => choose([])}>
          None
        </button>
      </div>
      <ul className="ops-resource-list">
        {resources.map((r) => {
          const key = resourceKey(r);
          return (
            <li key={key}>
              <label className="inline">
                <input type="checkbox" checked={form.selected.has(key)} onChange={(e) => toggle(key, e.target.checked)} />
                <span>
                  {r.kind} <strong>{r.name}</strong>
                  {r.namespace && <span className="muted"> in {r.namespace}</span>}
                </span>
                <SyncBadge status={r.status} />
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** ?panel=sync: the sync Argo CD's API offers — revision, prune, dry run, options, retry, and which resources. */
export function SyncDialog({
  app,
  guard,
  windows,
  open,
  onClose,
}: {
  app: Application;
  guard: Guard;
  windows: ApplicationSyncWindows | null;
  open: boolean;
  onClose: () => void;
}) {
  const [form, setForm] = useState<SyncForm>(() => initialForm(app));
  const action = useAction();
  // Each opening starts from the app as it is now.
  useEffect(() => {
    if (open) {
      setForm(initialForm(app));
      action.clear();
    }
    // Only on opening: a status update while the dialog is open must not reset what the user chose.
  }, [open]);
  const set = (patch: Partial<SyncForm>) => setForm((f) => ({ ...f, ...patch }));
  const problems = formProblems(app, form);
  const denied = disabledReason(guard);
  const submit = async () => {
    if (problems.length > 0 || denied) return;
    if (await action.run(() => appApi.sync(app, syncRequest(app, form)))) onClose();
  };
  const label = form.dryRun ? 'Dry run' : 'Synchronize';
  return (
    <Dialog
      open={open}
      title={`Sync ${app.metadata.name}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="ops-sync-form" className="btn primary" disabled={action.busy || problems.length > 0 || !!denied} title={denied}>
            {action.busy ? 'Starting…' : label}
          </button>
        </>
      }
    >
      <form
        id="ops-sync-form"
        className="ops-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {denied && guard.allowed === false && <p className="ops-warning">{denied}</p>}
        {windows?.canSync === false && (
          <p className="ops-warning" role="status">
            A sync window blocks manual syncs now: the server will refuse this sync.
          </p>
        )}
        <label>
          Revision
          <input value={form.revision} onChange={(e) => set({ revision: e.target.value })} aria-describedby="ops-sync-revision-hint" />
          <span id="ops-sync-revision-hint" className="muted ops-hint">
            A branch, tag or commit; another than the target ({app.spec.source?.targetRevision || 'HEAD'}) needs the override permission and manual sync.
          </span>
        </label>
        <fieldset className="ops-fieldset">
          <legend>Options</legend>
          <Check checked={form.prune} onChange={(prune) => set({ prune })} hint="delete objects no longer in Git">
            Prune
          </Check>
          <Check checked={form.dryRun} onChange={(dryRun) => set({ dryRun })} hint="change nothing, report what would happen">
            Dry run
          </Check>
          <Check checked={form.applyOnly} onChange={(applyOnly) => set({ applyOnly })} hint="skip the sync hooks">
            Apply only
          </Check>
          <Check checked={form.force} onChange={(force) => set({ force })} hint="delete and re-create objects that cannot be patched">
            Force
          </Check>
          {optionBoxes.map((b) => (
            <Check key={b.option} checked={form.options[b.option]} onChange={(on) => set({ options: { ...form.options, [b.option]: on } })} hint={b.hint}>
              {b.label}
            </Check>
          ))}
          <label>
            Other sync options
            <textarea rows={2} value={form.otherOptions} onChange={(e) => set({ otherOptions: e.target.value })} placeholder="CreateNamespace=true, PruneLast=true" />
          </label>
        </fieldset>
        <RetryFields form={form} set={set} />
        <ResourceChoice app={app} form={form} set={set} />
        {problems.length > 0 && (
          <ul className="ops-problems" aria-live="polite">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <ErrorNote error={action.error} what="The sync was refused" />
      </form>
    </Dialog>
  );
}
