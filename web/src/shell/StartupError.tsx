import { useState } from "react";
import { useSession } from "../auth/session";
import { Button } from "../ui/Button";
import { ErrorMessage } from "../ui/Messages";
import { PageHeader } from "../ui/Page";

/** Shown when we could not even ask who is signed in (server down, offline). */
export function StartupError() {
  const { loadError, refresh } = useSession();
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    await refresh();
    setBusy(false);
  };
  return (
    <div className="page page--narrow">
      <PageHeader title="FitFolio isn’t responding" />
      <ErrorMessage error={loadError} />
      <Button variant="primary" onClick={retry} busy={busy} busyLabel="Trying again…">
        Try again
      </Button>
    </div>
  );
}
