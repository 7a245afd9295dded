import { useEffect, useState } from 'react';
import type { Application, ApplicationSyncWindows } from '../../../api/types';
import { appApi } from './appApi';

/** The app's sync windows and whether a manual sync may start now, read again each minute (windows open and close with the clock). */
export function useSyncWindows(app: Application): { windows: ApplicationSyncWindows | null; error: string | null } {
  const [state, setState] = useState<{ windows: ApplicationSyncWindows | null; error: string | null }>({ windows: null, error: null });
  const name = app.metadata.name;
  const project = app.spec.project;
  useEffect(() => {
    const controller = new AbortController();
    const read = () =>
      appApi.syncWindows(app, controller.signal).then(
        (windows) => setState({ windows, error: null }),
        (e: Error) => e.name !== 'AbortError' && setState({ windows: null, error: e.message }),
      );
    void read();
    const timer = setInterval(read, 60_000);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [name, project]);
  return state;
}
