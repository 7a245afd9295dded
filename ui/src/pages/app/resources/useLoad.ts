import { useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * The answer of `load`, called again whenever `key` or `refresh` changes (and on reload); an answer that comes after
 * a newer call started is dropped. A new `key` (another object) forgets the last answer; a new `refresh` (the same
 * object, changed) keeps it until the new one comes, so the view does not flicker.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string, refresh?: string): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: string | null; loading: boolean; key: string }>({
    data: undefined,
    error: null,
    loading: true,
    key,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ data: s.key === key ? s.data : undefined, error: null, loading: true, key }));
    load(controller.signal)
      .then((data) => !controller.signal.aborted && setState({ data, error: null, loading: false, key }))
      .catch((e: Error) => !controller.signal.aborted && setState((s) => ({ ...s, error: e.message, loading: false })));
    return () => controller.abort();
    // `load` is a new closure on every render; `key` names what it loads.
  }, [key, refresh, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data: state.key === key ? state.data : undefined, error: state.error, loading: state.loading, reload };
}
