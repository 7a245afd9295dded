import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The header's dialogs and panels, each named in the query string (?panel=…) so that each has a deep link. */
export type AppPanel = 'sync' | 'diff' | 'history' | 'details' | 'delete';

const panels: readonly string[] = ['sync', 'diff', 'history', 'details', 'delete'] satisfies AppPanel[];

/** The open panel and a setter that keeps the page's other query parameters (view, node, tab…). */
export function usePanel(): [AppPanel | null, (panel: AppPanel | null) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get('panel');
  const panel = value && panels.includes(value) ? (value as AppPanel) : null;
  const setPanel = useCallback(
    (next: AppPanel | null) =>
      setParams(
        (current) => {
          const p = new URLSearchParams(current);
          if (next) p.set('panel', next);
          else p.delete('panel');
          return p;
        },
        { replace: next === null },
      ),
    [setParams],
  );
  return [panel, setPanel];
}
