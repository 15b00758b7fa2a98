import { startTransition, useState } from "react";
import { useNavigate } from "react-router";
import { isApiError } from "../api/errors";
import { api } from "../api/fitfolio";
import { useSession } from "../auth/session";
import { Button } from "../ui/Button";

export function SignOutButton() {
  const { signedOut } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

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
      <Button variant="quiet" onClick={signOut} busy={busy} busyLabel="Signing out…">
        Sign out
      </Button>
      {failed && (
        <span role="alert" className="header__error">
          Couldn’t sign out. Try again.
        </span>
      )}
    </>
  );
}
