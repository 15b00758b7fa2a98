import { useState } from "react";
import { api } from "../../api/fitfolio";
import type { ApiKey, CreatedApiKey } from "../../api/types";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { EmptyState, PageHeader } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";
import { useResource } from "../../ui/useResource";
import { ApiKeyRow } from "./ApiKeyRow";
import { CreateApiKeyForm } from "./CreateApiKeyForm";
import { NewSecretNotice } from "./NewSecretNotice";

export function ApiKeysPage() {
  const keys = useResource((signal) => api.account.listApiKeys({ signal }).then((page) => page.items), []);
  // The secret lives only here, in memory, until the person dismisses it: the server never returns it again.
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const onCreated = (result: CreatedApiKey) => {
    keys.setData((list) => [result.key, ...(list ?? [])]);
    setCreated(result);
    setStatus(null);
  };
  const onDeleted = (key: ApiKey) => {
    keys.setData((list) => list?.filter((item) => item.id !== key.id));
    if (created?.key.id === key.id) setCreated(null);
    setStatus(`API key “${key.name}” deleted. Anything using it stops working now.`);
  };

  return (
    <div className="stack-lg">
      <PageHeader title="API keys" description="Keys let your own scripts and apps read or write your training data. Treat them like passwords." />
      <StatusMessage tone="success">{status}</StatusMessage>
      {created ? <NewSecretNotice created={created} onDone={() => setCreated(null)} /> : <CreateApiKeyForm onCreated={onCreated} />}
      {keys.loading && !keys.data ? (
        <Loading label="Loading API keys…" />
      ) : keys.error ? (
        <ErrorMessage error={keys.error} onRetry={keys.reload} />
      ) : keys.data && keys.data.length > 0 ? (
        <ul className="list" aria-label="Your API keys">
          {keys.data.map((key) => (
            <ApiKeyRow key={key.id} apiKey={key} onDeleted={onDeleted} />
          ))}
        </ul>
      ) : (
        <EmptyState title="No API keys">
          <p>You haven’t created any keys. Nothing outside FitFolio can reach your data.</p>
        </EmptyState>
      )}
    </div>
  );
}
