import { useMemo } from 'react';
import { filterChoices, isFiltering, noFilter, type ResourceFilter } from './resourceFilter';
import type { ResourceItem } from './resourceModel';

function Choice({ label, value, values, onChange }: { label: string; value: string; values: string[]; onChange: (value: string) => void }) {
  // A chosen value stays in the list even when no resource has it any more.
  const options = value && !values.includes(value) ? [value, ...values] : values;
  return (
    <label className="inline">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The filters above the views: kind, sync status, health, name, and the orphaned switch when there are orphans. */
export function ResourceFilters({ items, filter, onChange }: { items: ResourceItem[]; filter: ResourceFilter; onChange: (filter: ResourceFilter) => void }) {
  const choices = useMemo(() => filterChoices(items), [items]);
  const set = (change: Partial<ResourceFilter>) => onChange({ ...filter, ...change });
  return (
    <div className="toolbar res-filters" role="search" aria-label="Filter resources">
      <Choice label="Kind" value={filter.kind} values={choices.kinds} onChange={(kind) => set({ kind })} />
      <Choice label="Sync" value={filter.sync} values={choices.sync} onChange={(sync) => set({ sync })} />
      <Choice label="Health" value={filter.health} values={choices.health} onChange={(health) => set({ health })} />
      <label className="inline">
        Name
        <input type="search" value={filter.name} onChange={(e) => set({ name: e.target.value })} placeholder="contains…" />
      </label>
      {(choices.orphans || filter.orphaned) && (
        <label className="inline">
          <input type="checkbox" checked={filter.orphaned} onChange={(e) => set({ orphaned: e.target.checked })} />
          Show orphaned
        </label>
      )}
      {isFiltering(filter) && (
        <button type="button" className="btn small ghost" onClick={() => onChange({ ...noFilter, orphaned: filter.orphaned })}>
          Clear filters
        </button>
      )}
    </div>
  );
}
