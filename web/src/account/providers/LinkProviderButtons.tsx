import { useEffect, useState } from "react";
import { api } from "../../api/fitfolio";
import type { SignInProvider } from "../../api/types";
import { useWithReauth } from "../../auth/reauth/ReauthProvider";
import { Button } from "../../ui/Button";
import { ErrorMessage } from "../../ui/Messages";
import { leavePage } from "./leavePage";

/** One "Link …" button per provider the server has on: each starts the provider's flow, which comes back to this page. */
export function LinkProviderButtons() {
  const withReauth = useWithReauth();
  const [providers, setProviders] = useState<SignInProvider[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.auth.providers({ signal: controller.signal }).then(
      (list) => setProviders(list.items),
      () => setProviders([]),
    );
    return () => controller.abort();
  }, []);

  const link = async (provider: SignInProvider) => {
    setBusy(provider.id);
    setError(null);
    try {
      const { redirectUrl } = await withReauth(() => api.externalIdentities.startLink(provider.id));
      // A full page load on purpose: the provider's page is another site, and it sends the browser back here.
      leavePage.to(redirectUrl);
    } catch (caught) {
      setError(caught);
      setBusy(null);
    }
  };

  if (providers.length === 0) return <p className="muted">No sign-in providers are set up on this server.</p>;
  return (
    <div className="stack">
      <ErrorMessage error={error} />
      <div className="button-row">
        {providers.map((provider) => (
          <Button key={provider.id} busy={busy === provider.id} busyLabel="Opening…" disabled={busy !== null} onClick={() => void link(provider)}>
            Link {provider.name}
          </Button>
        ))}
      </div>
    </div>
  );
}
