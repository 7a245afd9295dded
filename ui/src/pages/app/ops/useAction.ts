import { useCallback, useRef, useState } from 'react';

export interface Action {
  /** Runs the call; false when it failed (its message is then in error). */
  run: (call: () => Promise<unknown>) => Promise<boolean>;
  busy: boolean;
  error: string | null;
  clear: () => void;
}

/** The state of one button's API call: busy while it runs, the server's message when it fails. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const run = useCallback(async (call: () => Promise<unknown>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await call();
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { run, busy, error, clear };
}
