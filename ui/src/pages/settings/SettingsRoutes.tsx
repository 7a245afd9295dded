import { Route, Routes } from 'react-router-dom';
import { PageHeader } from '../../components/Layout';

export function SettingsRoutes() {
  return (
    <Routes>
      <Route index element={<PageHeader title="Settings" />} />
    </Routes>
  );
}
