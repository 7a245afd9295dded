import { useEffect, useMemo, useState } from 'react';
import type { Application, ManagedResource } from '../../../api/types';
import { appApi } from './appApi';
import { compareAll, type ResourceDiff } from './diffModel';

export interface DiffState {
  diffs: ResourceDiff[] | null;
  error: string | null;
}

/**
 * The app's managed resources compared (GET …/managed-resources), read again when what the engine compared
 * changes: the sync status, the revision, or a resource's status. enabled=false reads nothing.
 */
export function useDiff(app: Application, enabled = true): DiffState {
  const status = app.status;
  const version = [status?.sync?.status, status?.sync?.revision, ...(status?.resources ?? []).map((r) => `${r.kind}/${r.name}=${r.status}`)].join('|');
  const [state, setState] = useState<{ items: ManagedResource[] | null; error: string | null; version: string }>({ items: null, error: null, version: '' });
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    appApi
      .managedResources(app, controller.signal)
      .then((list) => setState({ items: list.items ?? [], error: null, version }))
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setState((s) => ({ ...s, error: e.message, version }));
      });
    return () => controller.abort();
    // Read again only when the comparison may have changed, not on every status write.
  }, [app.metadata.name, version, enabled]);
  const ignore = app.spec.ignoreDifferences;
  const diffs = useMemo(() => (state.items ? compareAll(state.items, ignore) : null), [state.items, ignore]);
  return { diffs, error: state.error };
}
