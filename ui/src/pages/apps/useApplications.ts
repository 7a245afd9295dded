import { useEffect, useRef, useState } from 'react';
import { query } from '../../api/client';
import { openStream } from '../../api/stream';
import type { Application, ApplicationWatchEvent } from '../../api/types';

/** What the list needs of each Application (the stream sends only these fields). */
export const listFields = [
  'metadata.name',
  'metadata.namespace',
  'metadata.labels',
  'metadata.annotations',
  'metadata.creationTimestamp',
  'metadata.deletionTimestamp',
  'spec.project',
  'spec.source',
  'spec.sources',
  'spec.destination',
  'spec.syncPolicy',
  'status.sync.status',
  'status.sync.revision',
  'status.health',
  'status.summary',
  'status.operationState.phase',
  'status.operationState.startedAt',
  'status.operationState.finishedAt',
].map((f) => `result.application.${f}`);

export interface ApplicationsState {
  apps: Application[];
  /** Whether the stream has delivered its first batch. */
  loaded: boolean;
  error: string | null;
}

/**
 * Every Application the caller may see, live: the application stream sends ADDED for each first, then changes. Changes
 * are applied once per animation frame, so a burst of a thousand renders once.
 */
export function useApplications(): ApplicationsState {
  const [state, setState] = useState<ApplicationsState>({ apps: [], loaded: false, error: null });
  const byName = useRef(new Map<string, Application>());
  useEffect(() => {
    let frame = 0;
    let live = true;
    const flush = () => {
      frame = 0;
      if (!live) return;
      const apps = [...byName.current.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
      setState({ apps, loaded: true, error: null });
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(flush);
    };
    const stream = openStream<ApplicationWatchEvent>(`/api/v1/stream/applications${query({ fields: listFields.join(',') })}`, {
      onOpen: () => {
        // A new connection starts again with ADDED for every app: what was missed while away is replaced.
        byName.current = new Map();
        schedule();
      },
      onMessage: (event) => {
        const key = `${event.application.metadata.namespace ?? ''}/${event.application.metadata.name}`;
        if (event.type === 'DELETED') byName.current.delete(key);
        else byName.current.set(key, event.application);
        schedule();
      },
      onError: (message) => live && setState((s) => ({ ...s, loaded: true, error: message })),
    });
    return () => {
      live = false;
      if (frame) cancelAnimationFrame(frame);
      stream.close();
    };
  }, []);
  return state;
}
