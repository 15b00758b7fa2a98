import { useState } from "react";
import { api } from "../../api/fitfolio";
import { useWithReauth } from "../../auth/reauth/ReauthProvider";
import { Button } from "../../ui/Button";
import { ErrorMessage } from "../../ui/Messages";
import { useResource } from "../../ui/useResource";
import { RecoveryCodesNotice } from "./RecoveryCodesNotice";

/** How many recovery codes are left, and a new set (after a recent sign-in) that voids the old one. */
export function RecoveryCodesSection() {
  const status = useResource((signal) => api.recovery.status({ signal }), []);
  const withReauth = useWithReauth();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const regenerate = async () => {
    setBusy(true);
    setError(null);
    try {
      const issued = await withReauth(() => api.recovery.regenerate());
      setCodes(issued.codes);
      status.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (codes) return <RecoveryCodesNotice codes={codes} onDone={() => setCodes(null)} />;

  const remaining = status.data?.remaining;
  return (
    <div className="stack">
      <p>
        {remaining === undefined
          ? "Checking your recovery codes…"
          : remaining === 0
            ? "You have no recovery codes left."
            : `You have ${remaining} unused recovery ${remaining === 1 ? "code" : "codes"}.`}{" "}
        Each one signs you in once if you lose your passkeys.
      </p>
      <ErrorMessage error={status.error ?? error} />
      <div>
        <Button onClick={regenerate} busy={busy} busyLabel="Creating codes…">
          Get new recovery codes
        </Button>
      </div>
      <p className="muted small">New codes replace every earlier one.</p>
    </div>
  );
}
