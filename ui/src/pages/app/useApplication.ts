import { useEffect, useState } from 'react';
import { api, enc, query } from '../../api/client';
import { openStream } from '../../api/stream';
import type { Application, ApplicationWatchEvent } from '../../api/types';

export interface ApplicationState {
  app: Application | null;
  error: string | null;
  /** The app was deleted while the page was open. */
  deleted: boolean;
}

/** One Application, read once and then kept live from the application stream (name=…). */
export function useApplication(namespace: string, name: string): ApplicationState {
  const [state, setState] = useState<ApplicationState>({ app: null, error: null, deleted: false });
  useEffect(() => {
    let live = true;
    setState({ app: null, error: null, deleted: false });
    api
      .get<Application>(`/api/v1/applications/${enc(name)}${query({ appNamespace: namespace })}`)
      .then((app) => live && setState((s) => ({ ...s, app: s.app ?? app, error: null })))
      .catch((e: Error) => live && setState((s) => ({ ...s, error: e.message })));
    const stream = openStream<ApplicationWatchEvent>(`/api/v1/stream/applications${query({ name, appNamespace: namespace })}`, {
      onMessage: (event) => {
        if (!live || event.application.metadata.name !== name) return;
        if (event.type === 'DELETED') setState((s) => ({ ...s, deleted: true }));
        else setState({ app: event.application, error: null, deleted: false });
      },
      onError: (message) => live && setState((s) => ({ ...s, error: s.app ? s.error : message })),
    });
    return () => {
      live = false;
      stream.close();
    };
  }, [namespace, name]);
  return state;
}

/** The app's project/name, as RBAC names an application object. */
export function rbacObject(app: Application): string {
  return `${app.spec.project}/${app.metadata.name}`;
}
