import { useCallback, useState } from 'react';
import { messageOf } from './useApi';

export interface Action<A extends unknown[]> {
  /** Runs the action; true when it succeeded, false when it failed (its message is then in error). */
  run: (...args: A) => Promise<boolean>;
  busy: boolean;
  error: string | null;
  /** Forgets the last failure. */
  clear: () => void;
}

/** A write the user asked for: busy while it runs, and the server's message when it fails. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<void>): Action<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        await action(...args);
        return true;
      } catch (e) {
        setError(messageOf(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  const clear = useCallback(() => setError(null), []);
  return { run, busy, error, clear };
}
