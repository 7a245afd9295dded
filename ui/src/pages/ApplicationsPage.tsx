import { PageHeader } from '../components/Layout';

export function ApplicationsPage() {
  return <PageHeader title="Applications" />;
}
