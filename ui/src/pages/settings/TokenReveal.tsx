import { useState } from 'react';

/**
 * A token just issued, shown this once (the server keeps only its id): a read-only field to select, a Copy button,
 * and Done to forget it.
 */
export function TokenReveal({ token, onDone }: { token: string; onDone: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('The browser refused the clipboard: select the token and copy it.');
    }
  };
  return (
    <div className="token-reveal" role="status">
      <p>
        <strong>New token.</strong> Copy it now: it is shown only this once and cannot be read again.
      </p>
      <div className="token-row">
        <input aria-label="New token" data-testid="new-token" readOnly value={token} onFocus={(e) => e.target.select()} className="mono" />
        <button type="button" className="btn small" onClick={copy}>
          Copy
        </button>
        <button type="button" className="btn small primary" onClick={onDone}>
          Done
        </button>
      </div>
      {copied && <p className="muted">{copied}</p>}
    </div>
  );
}
