import type { ItemList } from '../../api/types';
import type { Project } from './types';
import { useApi } from './useApi';

/** The <option>s of a project select: the projects the caller may see, and `current` even when it is not one of them. */
export function ProjectOptions({ current }: { current?: string }) {
  const names = (useApi<ItemList<Project>>('/api/v1/projects').data?.items ?? []).map((p) => p.metadata.name);
  if (current && !names.includes(current)) names.unshift(current);
  return (
    <>
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </>
  );
}
