import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * The page's query string as state: changes show at once (the router applies navigations in a transition, which
 * would make a controlled checkbox or text field lag a click behind) and are written to the URL (replacing the entry),
 * so every view has a deep link; a navigation from outside (back, a link) is taken over.
 */
export function useQueryState(): [URLSearchParams, (change: (p: URLSearchParams) => void) => void] {
  const [params, setParams] = useSearchParams();
  const [local, setLocal] = useState(() => new URLSearchParams(params));
  const written = useRef(params.toString());

  useEffect(() => {
    const text = params.toString();
    if (text !== written.current) {
      written.current = text;
      setLocal(new URLSearchParams(params));
    }
  }, [params]);

  const current = useRef(local);
  current.current = local;

  const update = useCallback(
    (change: (p: URLSearchParams) => void) => {
      const next = new URLSearchParams(current.current);
      change(next);
      current.current = next;
      written.current = next.toString();
      setLocal(next);
      setParams(next, { replace: true });
    },
    [setParams],
  );
  return [local, update];
}
