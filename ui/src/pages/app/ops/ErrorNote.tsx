/** An API call's failure, in the server's words. */
export function ErrorNote({ error, what }: { error: string | null; what?: string }) {
  if (!error) return null;
  return (
    <p className="ops-error" role="alert">
      {what ? `${what}: ` : ''}
      {error}
    </p>
  );
}
