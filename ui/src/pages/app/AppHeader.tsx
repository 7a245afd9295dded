import { HealthBadge, SyncBadge } from '../../components/Status';
import type { Application } from '../../api/types';
import { PageHeader } from '../../components/Layout';

/** The application's header: status, revision, last operation, and the actions with their dialogs. */
export function AppHeader({ app }: { app: Application }) {
  return (
    <PageHeader title={app.metadata.name}>
      <HealthBadge status={app.status?.health?.status} />
      <SyncBadge status={app.status?.sync?.status} />
    </PageHeader>
  );
}
