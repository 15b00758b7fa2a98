import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { UserFacingError, isApiError } from "../../api/errors";
import { ReauthDialog } from "./ReauthDialog";

export const REAUTH_REQUIRED = "reauthentication_required";
export const REAUTH_CANCELLED = "reauthentication_cancelled";

type WithReauth = <T>(action: () => Promise<T>) => Promise<T>;

const ReauthContext = createContext<WithReauth | null>(null);

/**
 * Sensitive actions may answer 403 `reauthentication_required`. `withReauth` runs the
 * action, and on that answer asks the person to confirm with a passkey, then runs it once more.
 */
export function ReauthProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<((confirmed: boolean) => void) | null>(null);

  const withReauth = useCallback<WithReauth>(async (action) => {
    try {
      return await action();
    } catch (error) {
      if (!isApiError(error, REAUTH_REQUIRED)) throw error;
      const confirmed = await new Promise<boolean>((resolve) => setPending(() => resolve));
      if (!confirmed) {
        throw new UserFacingError("You didn’t confirm it was you, so nothing was changed.", REAUTH_CANCELLED);
      }
      return await action();
    }
  }, []);

  const finish = (confirmed: boolean) => {
    pending?.(confirmed);
    setPending(null);
  };

  return (
    <ReauthContext.Provider value={withReauth}>
      {children}
      <ReauthDialog open={pending !== null} onDone={finish} />
    </ReauthContext.Provider>
  );
}

export function useWithReauth(): WithReauth {
  const value = useContext(ReauthContext);
  if (!value) throw new Error("useWithReauth must be used inside <ReauthProvider>");
  return value;
}
