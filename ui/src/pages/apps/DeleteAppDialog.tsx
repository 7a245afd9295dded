import { useEffect, useRef, useState } from 'react';
import type { Application } from '../../api/types';
import { deleteApp, type Propagation } from './appActions';

/** Confirms a delete by the app's name, with the choice of what happens to its resources. */
export function DeleteAppDialog({ app, onClose, onDone }: { app: Application; onClose: () => void; onDone: (message: string) => void }) {
  const [typed, setTyped] = useState('');
  const [propagation, setPropagation] = useState<Propagation>('foreground');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const name = app.metadata.name;

  useEffect(() => {
    input.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteApp(app, propagation);
      onDone(`Deleting ${name}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <div className="dialog-overlay" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="delete-app-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="delete-app-title">Delete application {name}?</h2>
        <fieldset>
          <legend>Its resources</legend>
          <label className="inline">
            <input type="radio" name="propagation" checked={propagation === 'foreground'} onChange={() => setPropagation('foreground')} /> Delete them, waiting for each
            (foreground)
          </label>
          <label className="inline">
            <input type="radio" name="propagation" checked={propagation === 'background'} onChange={() => setPropagation('background')} /> Delete them in the background
          </label>
          <label className="inline">
            <input type="radio" name="propagation" checked={propagation === 'orphan'} onChange={() => setPropagation('orphan')} /> Leave them running (non-cascading)
          </label>
        </fieldset>
        <label>
          Type the application's name to confirm
          <input ref={input} value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Application name to confirm" />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn danger" disabled={typed !== name || busy} onClick={() => void submit()}>
            Delete
          </button>
        </div>
      </div>
    </div>
  );
}
