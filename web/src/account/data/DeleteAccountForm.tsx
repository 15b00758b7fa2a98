import { startTransition, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api } from "../../api/fitfolio";
import { useWithReauth } from "../../auth/reauth/ReauthProvider";
import { useSession, useUser } from "../../auth/session";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { ErrorMessage } from "../../ui/Messages";
import { Section } from "../../ui/Page";

export function DeleteAccountForm() {
  const user = useUser();
  const { signedOut } = useSession();
  const withReauth = useWithReauth();
  const navigate = useNavigate();
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const matches = typed.trim().toLowerCase() === user.email.toLowerCase();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!matches) return;
    setBusy(true);
    setError(null);
    try {
      await withReauth(() => api.account.deleteAccount());
    } catch (caught) {
      setError(caught);
      setBusy(false);
      return;
    }
    startTransition(() => {
      signedOut("account_deleted");
      void navigate("/signin", { replace: true });
    });
  };

  return (
    <Section title="Delete your account" description="This removes your account, passkeys, API keys and training data. It can’t be undone.">
      <form className="stack" onSubmit={submit} aria-label="Delete your account">
        <TextField
          label={
            <>
              Type <strong className="break">{user.email}</strong> to confirm
            </>
          }
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <ErrorMessage error={error} />
        <div>
          <Button type="submit" variant="danger" disabled={!matches} busy={busy} busyLabel="Deleting account…">
            Delete my account
          </Button>
        </div>
      </form>
    </Section>
  );
}
