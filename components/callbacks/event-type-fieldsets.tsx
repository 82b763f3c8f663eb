import { CALLBACK_EVENTS, CALLBACK_MODULES, eventNamesOf, MODULE_LABELS } from "@/lib/callbacks/catalogue";

/** The event type checkboxes, one fieldset per module; `selected` empty means every event (all checked). */
export const EventTypeFieldsets = ({ selected, error }: { selected: string[]; error?: string }) => (
  <div className="space-y-3">
    <p className="text-sm font-medium text-slate-700">Event types</p>
    <div className="grid gap-3 sm:grid-cols-2">
      {CALLBACK_MODULES.map((module) => (
        <fieldset key={module} className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">{MODULE_LABELS[module]}</legend>
          <div className="space-y-1">
            {eventNamesOf(module).map((name) => (
              <label key={name} className="flex items-start gap-2 text-sm" title={CALLBACK_EVENTS[name].when}>
                <input type="checkbox" name="eventTypes" value={name} defaultChecked={selected.length === 0 || selected.includes(name)} className="mt-0.5" />
                <code>{name}</code>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </div>
    {error ? <p role="alert" className="text-sm text-red-600">{error}</p> : <p className="text-xs text-slate-500">With every box checked, event types added later are sent too.</p>}
  </div>
);
