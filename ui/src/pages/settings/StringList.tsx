import { useId, useState, type FormEvent } from 'react';

interface StringListProps {
  /** What the list holds, e.g. "Source repositories"; names the fieldset and its controls. */
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  placeholder?: string;
  /** Read-only: no add or remove controls (the caller may not edit). */
  readOnly?: boolean;
  /** Said when the list is empty. */
  empty?: string;
}

/** An editable list of strings: each with a Remove button, and a field to add one (Enter or Add). */
export function StringList({ label, values, onChange, placeholder, readOnly, empty = 'None' }: StringListProps) {
  const [adding, setAdding] = useState('');
  const inputId = useId();
  const add = (e?: FormEvent) => {
    e?.preventDefault();
    const value = adding.trim();
    if (!value || values.includes(value)) return;
    onChange([...values, value]);
    setAdding('');
  };
  return (
    <fieldset className="string-list">
      <legend>{label}</legend>
      {values.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul aria-label={label}>
          {values.map((value, i) => (
            <li key={`${value}-${i}`}>
              <code>{value}</code>
              {!readOnly && (
                <button type="button" className="btn small ghost" aria-label={`Remove ${value} from ${label}`} onClick={() => onChange(values.filter((_, j) => j !== i))}>
                  ✕
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <div className="string-list-add">
          <label htmlFor={inputId} className="visually-hidden">
            Add to {label}
          </label>
          <input
            id={inputId}
            value={adding}
            placeholder={placeholder}
            onChange={(e) => setAdding(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') add(e);
            }}
          />
          <button type="button" className="btn small" onClick={() => add()} disabled={!adding.trim()} aria-label={`Add to ${label}`}>
            Add
          </button>
        </div>
      )}
    </fieldset>
  );
}
