import type { ResourceItem } from './resourceModel';

/** The filters above the views; an empty value lets everything through. */
export interface ResourceFilter {
  kind: string;
  sync: string;
  health: string;
  name: string;
  /** Show the tree's orphanedNodes too. */
  orphaned: boolean;
}

export const noFilter: ResourceFilter = { kind: '', sync: '', health: '', name: '', orphaned: false };

/** Whether any filter narrows the list (the orphaned switch widens it, so it does not count). */
export function isFiltering(filter: ResourceFilter): boolean {
  return !!(filter.kind || filter.sync || filter.health || filter.name.trim());
}

export function matches(item: ResourceItem, filter: ResourceFilter): boolean {
  if (item.orphaned && !filter.orphaned) return false;
  if (filter.kind && item.kind !== filter.kind) return false;
  if (filter.sync && (item.status ?? '') !== filter.sync) return false;
  if (filter.health && (item.health?.status ?? 'Unknown') !== filter.health) return false;
  const name = filter.name.trim().toLowerCase();
  if (name && !item.name.toLowerCase().includes(name)) return false;
  return true;
}

/** The values each filter can take, from the resources there are. */
export function filterChoices(items: ResourceItem[]) {
  const kinds = new Set<string>();
  const sync = new Set<string>();
  const health = new Set<string>();
  for (const item of items) {
    kinds.add(item.kind);
    if (item.status) sync.add(item.status);
    health.add(item.health?.status ?? 'Unknown');
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  return { kinds: sorted(kinds), sync: sorted(sync), health: sorted(health), orphans: items.some((i) => i.orphaned) };
}
