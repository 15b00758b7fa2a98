import { useState, type FormEvent, type KeyboardEvent } from "react";
import { api } from "../../api/fitfolio";
import type { Passkey } from "../../api/types";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { ErrorMessage } from "../../ui/Messages";
import { PASSKEY_NAME_MAX } from "./AddPasskeyForm";

interface RenamePasskeyFormProps {
  passkey: Passkey;
  onSaved: (passkey: Passkey) => void;
  onCancel: () => void;
}

export function RenamePasskeyForm({ passkey, onSaved, onCancel }: RenamePasskeyFormProps) {
  const [name, setName] = useState(passkey.name);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setFieldError("Give the passkey a name.");
    setFieldError(null);
    if (trimmed === passkey.name) return onCancel();
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.passkeys.rename(passkey.id, trimmed));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <form className="inline-form list__main" onSubmit={submit} onKeyDown={onKeyDown} aria-label={`Rename ${passkey.name}`}>
      <TextField
        label="Passkey name"
        value={name}
        maxLength={PASSKEY_NAME_MAX}
        autoFocus
        onChange={(event) => setName(event.target.value)}
        error={fieldError}
      />
      <div className="button-row">
        <Button type="submit" variant="primary" busy={busy} busyLabel="Saving…">
          Save
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}
