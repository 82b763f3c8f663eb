"use client";

import { useActionState } from "react";
import type { TActionResult } from "@/lib/errors/action-result";
import type { TConnectionSettings } from "@/lib/integrations/connection-settings";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";

type TProps = { connectionId: string; settings: TConnectionSettings; updateSettingsAction: (prev: unknown, form: FormData) => Promise<TActionResult> };

export const SettingsForm = ({ connectionId, settings, updateSettingsAction }: TProps) => {
  const [state, formAction, pending] = useActionState(updateSettingsAction, null);
  const failed = state && !state.ok ? state : undefined;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <input type="hidden" name="connectionId" value={connectionId} />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="requireTimestamp" defaultChecked={settings.requireTimestamp} className="mt-1" />
        <span>
          <span className="font-medium">Require timestamped signatures</span>
          <span className="block text-slate-600">Refuse requests without x-betakom-timestamp; the signature then covers &quot;&lt;timestamp&gt;.&lt;body&gt;&quot;, so a captured request cannot be replayed after 5 minutes.</span>
        </span>
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="acceptCallbackUrl" defaultChecked={settings.acceptCallbackUrl} className="mt-1" />
        <span>
          <span className="font-medium">Accept callback_url in messages</span>
          <span className="block text-slate-600">A message&apos;s top-level &quot;callback_url&quot; also receives the events about that message&apos;s objects, signed with this connection&apos;s signing secret. Off: the field is ignored (a warning on the message).</span>
        </span>
      </label>
      <div className="grid max-w-xl grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField label="Future tolerance (seconds)" name="maxFutureSeconds" type="number" min={0} defaultValue={settings.maxFutureSeconds} hint="Positions further ahead are dropped." error={failed?.fieldErrors?.maxFutureSeconds} />
        <TextField label="Maximum age (seconds)" name="maxAgeSeconds" type="number" min={60} defaultValue={settings.maxAgeSeconds ?? ""} hint="Older positions are dropped as stale. Empty: no limit." error={failed?.fieldErrors?.maxAgeSeconds} />
        <TextField label="Silence threshold (minutes)" name="silenceThresholdMinutes" type="number" min={5} defaultValue={settings.silenceThresholdMinutes} hint="A unit without a fix this long gets a monitoring.unit.silent callback." error={failed?.fieldErrors?.silenceThresholdMinutes} />
      </div>
      {failed && !failed.fieldErrors ? <FormAlert message={failed.error.message} /> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>Save settings</Button>
        {state?.ok ? <span role="status" className="text-sm text-green-700">Settings saved.</span> : null}
      </div>
    </form>
  );
};
