// Token lifetimes as people type them ("30d", "12h", "90m", "3600") and Unix times as people read them.

const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Seconds for a lifetime such as 30d, 12h, 1h30m or 3600 (seconds); 0 for empty (never expires); null when unreadable. */
export function parseLifetime(text: string): number | null {
  const value = text.trim();
  if (value === '') return 0;
  if (/^\d+$/.test(value)) return Number(value);
  const parts = [...value.matchAll(/(\d+)\s*([smhdw])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('').replace(/\s/g, '') !== value.replace(/\s/g, '')) return null;
  return parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]], 0);
}

/** A Unix time (seconds) as the local date and time; "never" for none. */
export function formatUnix(seconds?: number): string {
  if (!seconds) return 'never';
  return new Date(seconds * 1000).toLocaleString();
}
