import { ErrorMessage } from "./Messages";
import { PageHeader } from "./Page";
import type { Resource } from "./useResource";

/** A page whose one resource did not load: its title, the error and a retry, in place of its content. */
export function PageLoadError({ title, resource }: { title: string; resource: Pick<Resource<unknown>, "error" | "reload"> }) {
  return (
    <div className="stack">
      <PageHeader title={title} />
      <ErrorMessage error={resource.error} onRetry={resource.reload} />
    </div>
  );
}
