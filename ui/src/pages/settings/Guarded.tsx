import type { ButtonHTMLAttributes } from 'react';

interface GuardedProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** The can-i answer: undefined while it is asked (the button waits disabled). */
  allowed: boolean | undefined;
  /** Why not, when the answer is no (deniedReason(…)). */
  denied: string;
  /** Another reason the button cannot be used now (unsaved changes, a missing capability), or null. */
  blocked?: string | null;
}

/** A button RBAC may forbid: disabled with the reason as its title when the caller may not use it. */
export function Guarded({ allowed, denied, blocked, disabled, title, children, type = 'button', ...rest }: GuardedProps) {
  const reason = allowed === false ? denied : blocked ? blocked : allowed === undefined ? 'Checking your permissions…' : undefined;
  return (
    <button type={type} {...rest} disabled={disabled || reason !== undefined} title={reason ?? title}>
      {children}
    </button>
  );
}
