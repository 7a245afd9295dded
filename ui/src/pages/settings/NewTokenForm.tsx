import { useState, type FormEvent } from 'react';
import { ErrorMessage } from './ErrorMessage';
import { Guarded } from './Guarded';
import { TokenReveal } from './TokenReveal';
import { parseLifetime } from './time';
import { useAction } from './useAction';

interface Props {
  /** Whose token, for the form's name ("alice", "role ci"). */
  owner: string;
  allowed: boolean | undefined;
  denied: string;
  blocked?: string | null;
  /** Asks the server for a token (0 seconds: it never expires) and answers it. */
  issue: (id: string | undefined, expiresIn: number) => Promise<string>;
  /** The token was issued (the caller reads the list again). */
  onIssued: () => void;
  /** The user is done with the token shown. */
  onDone?: () => void;
}

/** Issues a token (an optional id and a lifetime) and shows it this once; the server's refusal is shown as it says it. */
export function NewTokenForm({ owner, allowed, denied, blocked = null, issue, onIssued, onDone }: Props) {
  const [id, setId] = useState('');
  const [lifetime, setLifetime] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const seconds = parseLifetime(lifetime);
  const { run, busy, error } = useAction(async (expiresIn: number) => {
    setToken(await issue(id.trim() || undefined, expiresIn));
    setId('');
    setLifetime('');
    onIssued();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (seconds !== null) void run(seconds);
  };

  return (
    <>
      {token && (
        <TokenReveal
          token={token}
          onDone={() => {
            setToken(null);
            onDone?.();
          }}
        />
      )}
      <form className="inline-form" onSubmit={submit} aria-label={`New token for ${owner}`}>
        <label>
          Token ID (optional)
          <input value={id} onChange={(e) => setId(e.target.value)} autoComplete="off" />
        </label>
        <label>
          Expires in
          <input value={lifetime} onChange={(e) => setLifetime(e.target.value)} placeholder="never, or 30d, 12h, 90m" aria-invalid={seconds === null} autoComplete="off" />
        </label>
        <Guarded
          type="submit"
          className="btn"
          allowed={allowed}
          denied={denied}
          blocked={blocked ?? (seconds === null ? 'Expires in: a lifetime such as 30d, 12h or 90m' : null)}
          disabled={busy}
        >
          {busy ? 'Creating token…' : 'Create token'}
        </Guarded>
      </form>
      <ErrorMessage error={error} />
    </>
  );
}
