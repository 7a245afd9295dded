import { useParams } from 'react-router-dom';
import { PageHeader } from '../../components/Layout';

export function ApplicationPage() {
  const { name } = useParams();
  return <PageHeader title={name} />;
}
