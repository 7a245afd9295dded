import type { ItemList } from '../../api/types';
import { AccountRow } from './AccountRow';
import { ErrorMessage } from './ErrorMessage';
import { SettingsHeader } from './SettingsHeader';
import { TableHead } from './TableHead';
import type { Account } from './types';
import { useApi } from './useApi';

/** /settings/accounts: the local accounts the caller may see, their capabilities and API tokens. */
export function AccountsPage() {
  const { data, error, reload } = useApi<ItemList<Account>>('/api/v1/account');
  const accounts = data?.items ?? [];
  return (
    <>
      <SettingsHeader title="Accounts" />
      <p className="muted">An account manages its own tokens; another account's tokens need the RBAC permission accounts, update on it.</p>
      <ErrorMessage error={error} />
      {!data && !error && <p className="loading">Loading accounts…</p>}
      {accounts.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label="Accounts">
            <TableHead columns={['Name', 'Enabled', 'Capabilities', 'Tokens']} actions />
            <tbody>
              {accounts.map((a) => (
                <AccountRow key={a.name} account={a} onChanged={reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
