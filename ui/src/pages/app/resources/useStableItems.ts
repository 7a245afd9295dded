import { useMemo, useRef } from 'react';
import type { ResourceItem } from './resourceModel';

/**
 * The resources, with each one that did not change since the last call kept as the same object: every tree
 * message rebuilds them all, and the memoised boxes of the views then re-render only the ones that changed.
 */
export function useStableItems(items: ResourceItem[]): ResourceItem[] {
  const previous = useRef(new Map<string, { json: string; item: ResourceItem }>());
  return useMemo(() => {
    const next = new Map<string, { json: string; item: ResourceItem }>();
    const stable = items.map((item) => {
      const json = JSON.stringify(item);
      const before = previous.current.get(item.key);
      const kept = before && before.json === json ? before.item : item;
      next.set(item.key, { json, item: kept });
      return kept;
    });
    previous.current = next;
    return stable;
  }, [items]);
}
