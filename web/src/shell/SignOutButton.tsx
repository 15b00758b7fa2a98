import { startTransition, useState } from "react";
import { useNavigate } from "react-router";
import { isApiError } from "../api/errors";
import { api } from "../api/fitfolio";
import { useSession } from "../auth/session";
import { queueFor } from "../training/workouts/sync/queueRegistry";
import { Button } from "../ui/Button";
import { ConfirmDialog } from "../ui/ConfirmDialog";

export function SignOutButton() {
  const { signedOut, user } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [waiting, setWaiting] = useState(0);

  // Writes still waiting stay on this device under the person's id and go out when they sign in here
  // again; signing out does not drop them, but the person should know before leaving.
  const askFirst = () => {
    const pending = user ? queueFor(user.id).getState().pending.length : 0;
    if (pending > 0) setWaiting(pending);
    else void signOut();
  };

  const signOut = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await api.auth.logout();
    } catch (error) {
      // A 401 means the session had already ended. Otherwise the HttpOnly cookie is still
      // valid and only the server can end it, so say that it did not happen.
      if (!(isApiError(error) && error.status === 401)) {
        setBusy(false);
        setFailed(true);
        return;
      }
    }
    startTransition(() => {
      signedOut("signed_out");
      void navigate("/signin", { replace: true });
    });
  };

  return (
    <>
      <Button variant="quiet" onClick={askFirst} busy={busy} busyLabel="Signing out…">
        Sign out
      </Button>
      <ConfirmDialog
        open={waiting > 0}
        title="Sign out with changes not yet saved?"
        confirmLabel="Sign out anyway"
        busyLabel="Signing out…"
        onConfirm={signOut}
        onClose={() => setWaiting(0)}
      >
        <p>
          {waiting} change{waiting === 1 ? " hasn’t" : "s haven’t"} reached FitFolio yet. {waiting === 1 ? "It stays" : "They stay"} on this device and{" "}
          {waiting === 1 ? "is" : "are"} sent the next time you sign in here.
        </p>
      </ConfirmDialog>
      {failed && (
        <span role="alert" className="header__error">
          Couldn’t sign out. Try again.
        </span>
      )}
    </>
  );
}
