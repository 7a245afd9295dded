import { useEffect, useState } from 'react';
import { Dialog } from '../../../components/Dialog';
import type { Application } from '../../../api/types';
import { appApi, type Cascade } from './appApi';
import { ErrorNote } from './ErrorNote';
import { GuardedButton, type Guard } from './GuardedButton';
import { useAction } from './useAction';

const cascades: { value: Cascade; label: string; hint: string }[] = [
  { value: 'foreground', label: 'Foreground', hint: 'delete the resources first, then the application' },
  { value: 'background', label: 'Background', hint: 'delete the application at once, the resources after it' },
  { value: 'non-cascading', label: 'Non-cascading', hint: 'delete only the application; its resources stay in the cluster' },
];

/** ?panel=delete: deleting the application, its resources as the cascade choice says, confirmed by typing its name. */
export function DeleteDialog({ app, guard, open, onClose }: { app: Application; guard: Guard; open: boolean; onClose: () => void }) {
  const [cascade, setCascade] = useState<Cascade>('foreground');
  const [typed, setTyped] = useState('');
  const action = useAction();
  const name = app.metadata.name;
  useEffect(() => {
    if (open) {
      setCascade('foreground');
      setTyped('');
      action.clear();
    }
  }, [open]);
  const confirmed = typed.trim() === name;
  const submit = async () => {
    if (confirmed && (await action.run(() => appApi.delete(app, cascade)))) onClose();
  };
  return (
    <Dialog
      open={open}
      title={`Delete ${name}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <GuardedButton className="btn danger" guard={guard} blocked={!confirmed && `Type ${name} to confirm`} disabled={action.busy} onClick={() => void submit()}>
            {action.busy ? 'Deleting…' : 'Delete'}
          </GuardedButton>
        </>
      }
    >
      <form
        className="ops-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset className="ops-fieldset">
          <legend>What happens to its resources</legend>
          {cascades.map((c) => (
            <label key={c.value} className="inline">
              <input type="radio" name="ops-cascade" value={c.value} checked={cascade === c.value} onChange={() => setCascade(c.value)} />
              <span>
                {c.label} <span className="muted ops-hint">({c.hint})</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label>
          Type {name} to confirm
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
        </label>
        <ErrorNote error={action.error} what="The delete was refused" />
      </form>
    </Dialog>
  );
}
