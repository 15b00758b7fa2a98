import { useState, type FormEvent } from "react";
import { api } from "../../api/fitfolio";
import type { ApiKeyScope, CreatedApiKey } from "../../api/types";
import { useWithReauth } from "../../auth/reauth/ReauthProvider";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { ErrorMessage } from "../../ui/Messages";
import { Section } from "../../ui/Page";

const EXPIRY_CHOICES = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
];

const SCOPES: { value: ApiKeyScope; label: string; hint: string }[] = [
  { value: "read", label: "Read", hint: "See your workouts and account details" },
  { value: "write", label: "Write", hint: "Add and change workouts" },
];

export function CreateApiKeyForm({ onCreated }: { onCreated: (created: CreatedApiKey) => void }) {
  const withReauth = useWithReauth();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["read"]);
  const [expiry, setExpiry] = useState("90");
  const [problems, setProblems] = useState<{ name?: string; scopes?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const toggleScope = (scope: ApiKeyScope, on: boolean) => setScopes((current) => (on ? [...current, scope] : current.filter((item) => item !== scope)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      name: name.trim() ? undefined : "Give the key a name, so you know later what uses it.",
      scopes: scopes.length ? undefined : "Choose at least one permission.",
    };
    setProblems(found);
    if (found.name || found.scopes) return;
    setBusy(true);
    setError(null);
    try {
      const body = {
        name: name.trim(),
        scopes: SCOPES.map((s) => s.value).filter((s) => scopes.includes(s)),
        expiresInDays: expiry === "never" ? null : Number(expiry),
      };
      onCreated(await withReauth(() => api.account.createApiKey(body)));
      setName("");
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="Create an API key">
      <form className="stack" onSubmit={submit} noValidate aria-label="Create an API key">
        <TextField
          label="Key name"
          placeholder="e.g. Home gym tablet"
          value={name}
          maxLength={64}
          onChange={(event) => setName(event.target.value)}
          error={problems.name ?? null}
        />
        <fieldset className="fieldset" aria-describedby={problems.scopes ? "scope-error" : undefined}>
          <legend>Permissions</legend>
          {SCOPES.map((scope) => (
            <label key={scope.value} className="check">
              <input type="checkbox" checked={scopes.includes(scope.value)} onChange={(event) => toggleScope(scope.value, event.target.checked)} />
              <span>
                {scope.label} <span className="muted">— {scope.hint}</span>
              </span>
            </label>
          ))}
          {problems.scopes && (
            <p className="field__error" id="scope-error">
              {problems.scopes}
            </p>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor="api-key-expiry">Expires after</label>
          <select id="api-key-expiry" value={expiry} onChange={(event) => setExpiry(event.target.value)}>
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        <ErrorMessage error={error} />
        <div>
          <Button type="submit" variant="primary" busy={busy} busyLabel="Creating key…">
            Create key
          </Button>
        </div>
      </form>
    </Section>
  );
}
