import { Link, useParams } from 'react-router-dom';
import { AppBody } from './AppBody';
import { AppHeader } from './AppHeader';
import { useApplication } from './useApplication';

/**
 * /applications/:namespace/:name — one application, live. The header (status, revision, operation, actions and their
 * dialogs) is AppHeader; the resources (tree, list and network views, the resource drawer) are AppBody. Every view
 * and panel is named in the query string (?view=…&node=…&tab=…&panel=…), so each has a deep link.
 */
export function ApplicationPage() {
  const { namespace = 'argocd', name = '' } = useParams();
  const { app, error, deleted } = useApplication(namespace, name);
  if (deleted)
    return (
      <p className="empty" role="status">
        Application {name} was deleted. <Link to="/applications">Back to the applications</Link>
      </p>
    );
  if (error && !app)
    return (
      <p className="empty error" role="alert">
        {error} <Link to="/applications">Back to the applications</Link>
      </p>
    );
  if (!app) return <p className="loading">Loading {name}…</p>;
  return (
    <div className="app-page">
      <AppHeader app={app} />
      <AppBody app={app} />
    </div>
  );
}
