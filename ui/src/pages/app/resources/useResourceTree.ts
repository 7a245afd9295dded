import { useEffect, useState } from 'react';
import { api, enc, query } from '../../../api/client';
import { openStream } from '../../../api/stream';
import type { ApplicationTree } from '../../../api/types';

export interface ResourceTreeState {
  tree: ApplicationTree | null;
  error: string | null;
}

/** The application's resource tree: read once, then kept live from its stream (each message is the whole tree). */
export function useResourceTree(appNamespace: string | undefined, name: string): ResourceTreeState {
  const [state, setState] = useState<ResourceTreeState>({ tree: null, error: null });
  useEffect(() => {
    let live = true;
    let streamed = false;
    setState({ tree: null, error: null });
    const q = query({ appNamespace });
    api
      .get<ApplicationTree>(`/api/v1/applications/${enc(name)}/resource-tree${q}`)
      .then((tree) => live && !streamed && setState({ tree, error: null }))
      .catch((e: Error) => live && setState((s) => ({ ...s, error: e.message })));
    const stream = openStream<ApplicationTree>(`/api/v1/stream/applications/${enc(name)}/resource-tree${q}`, {
      onMessage: (tree) => {
        if (!live) return;
        streamed = true;
        setState({ tree, error: null });
      },
      onError: (message) => live && setState((s) => ({ ...s, error: message })),
    });
    return () => {
      live = false;
      stream.close();
    };
  }, [appNamespace, name]);
  return state;
}
