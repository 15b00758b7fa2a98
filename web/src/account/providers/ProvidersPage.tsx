import { useState } from "react";
import { useSearchParams } from "react-router";
import { api } from "../../api/fitfolio";
import type { ExternalIdentity } from "../../api/types";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { EmptyState, PageHeader, Section } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";
import { useResource } from "../../ui/useResource";
import { IdentityRow } from "./IdentityRow";
import { LinkProviderButtons } from "./LinkProviderButtons";
import { linkError } from "./linkErrors";

/** The account's sign-in providers: those linked (each can be unlinked) and the ones that can be linked. */
export function ProvidersPage() {
  const [params] = useSearchParams();
  const identities = useResource((signal) => api.externalIdentities.list({ signal }).then((page) => page.items), []);
  const linked = params.get("linked");
  const [status, setStatus] = useState<string | null>(linked ? "Provider linked. We emailed you about it." : null);

  const unlinked = (identity: ExternalIdentity) => {
    identities.setData((list) => list?.filter((item) => item.provider !== identity.provider || item.subject !== identity.subject));
    setStatus(`${identity.providerName} unlinked. We emailed you about it.`);
  };

  return (
    <div className="stack-lg">
      <PageHeader title="Sign-in providers" description="Accounts elsewhere (Google, Discord, …) that sign you in to FitFolio." />
      <StatusMessage tone="success">{status}</StatusMessage>
      <ErrorMessage error={linkError(params.get("link_error"))} />
      {identities.loading && !identities.data ? (
        <Loading label="Loading sign-in providers…" />
      ) : identities.error ? (
        <ErrorMessage error={identities.error} onRetry={identities.reload} />
      ) : identities.data && identities.data.length > 0 ? (
        <ul className="list" aria-label="Your linked providers">
          {identities.data.map((identity) => (
            <IdentityRow key={`${identity.provider}/${identity.subject}`} identity={identity} onUnlinked={unlinked} />
          ))}
        </ul>
      ) : (
        <EmptyState title="No providers linked">
          <p>Link one below to sign in with it.</p>
        </EmptyState>
      )}
      <Section title="Link a provider">
        <LinkProviderButtons />
      </Section>
    </div>
  );
}
