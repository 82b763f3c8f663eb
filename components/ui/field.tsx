import { useId, type InputHTMLAttributes, type SelectHTMLAttributes, type ReactNode } from "react";

const controlClass = (invalid: boolean) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:ring-1 focus:ring-brand-600 focus:outline-none ${invalid ? "border-red-500" : "border-slate-300"}`;

type TFieldProps = { label: string; error?: string; hint?: string };

const FieldShell = ({ id, label, error, hint, children }: TFieldProps & { id: string; children: ReactNode }) => (
  <div>
    <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
    {children}
    {hint && !error ? <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    {error ? <p id={`${id}-error`} className="mt-1 text-sm text-red-600">{error}</p> : null}
  </div>
);

/** A labelled input whose error is announced with it. */
export const TextField = ({ label, error, hint, ...props }: TFieldProps & InputHTMLAttributes<HTMLInputElement>) => {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined} className={controlClass(Boolean(error))} {...props} />
    </FieldShell>
  );
};

/** A labelled select. */
export const SelectField = ({ label, error, hint, children, ...props }: TFieldProps & SelectHTMLAttributes<HTMLSelectElement>) => {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={controlClass(Boolean(error))} {...props}>
        {children}
      </select>
    </FieldShell>
  );
};
