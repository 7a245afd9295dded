import { useSession } from '../api/session';
import { PageHeader } from '../components/Layout';

export function UserInfoPage() {
  const { user } = useSession();
  return <PageHeader title={`User info: ${user?.username ?? ''}`} />;
}
