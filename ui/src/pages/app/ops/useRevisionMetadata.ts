import { useEffect, useState } from 'react';
import type { Application, RevisionMetadata } from '../../../api/types';
import { appApi } from './appApi';

// A commit's metadata does not change: one request per application and revision for the page's life.
const cache = new Map<string, Promise<RevisionMetadata>>();

/** The commit's author, date, message and tags (GET …/revisions/{revision}/metadata); undefined while loading. */
export function useRevisionMetadata(app: Application, revision: string | undefined): { metadata?: RevisionMetadata; error?: string } {
  const name = app.metadata.name;
  const [state, setState] = useState<{ key: string; metadata?: RevisionMetadata; error?: string }>({ key: '' });
  const key = revision ? `${name}@${revision}` : '';
  useEffect(() => {
    if (!revision) return;
    let live = true;
    let answer = cache.get(key);
    if (!answer) {
      answer = appApi.revisionMetadata(app, revision);
      cache.set(key, answer);
      // A failure is not kept: the next look asks again.
      answer.catch(() => cache.delete(key));
    }
    answer.then(
      (metadata) => live && setState({ key, metadata }),
      (e: Error) => live && setState({ key, error: e.message }),
    );
    return () => {
      live = false;
    };
    // The app object changes on every status update; the request only depends on its name and the revision.
  }, [key]);
  return state.key === key ? state : {};
}
