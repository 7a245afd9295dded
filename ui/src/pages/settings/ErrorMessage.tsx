/** The server's message about a failure, announced to screen readers; nothing without one. */
export function ErrorMessage({ error, testId }: { error: string | null | undefined; testId?: string }) {
  if (!error) return null;
  return (
    <p className="error" role="alert" data-testid={testId}>
      {error}
    </p>
  );
}
