import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';

export interface Loaded<T> {
  data: T | undefined;
  /** The server's message when the read failed. */
  error: string | null;
  /** Reads again; the old data stays on screen meanwhile. */
  reload: () => void;
}

/** One GET of the API, read when the path changes and again on reload(). */
export function useApi<T>(path: string): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<T>(path, { signal: controller.signal })
      .then((answer) => {
        setData(answer);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(messageOf(e));
      });
    return () => controller.abort();
  }, [path, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload };
}

/** What to tell the user about a failure: the server's message for an ApiError. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
