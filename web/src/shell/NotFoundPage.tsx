import { Link, useLocation } from "react-router";
import { PageHeader } from "../ui/Page";

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <div className="page page--narrow">
      <PageHeader
        title="Page not found"
        description={
          <>
            There’s nothing at <code>{pathname}</code>.
          </>
        }
      />
      <p>It may have moved, or the link may be mistyped.</p>
      <p>
        <Link className="button button--primary" to="/">
          Go to your training log
        </Link>
      </p>
    </div>
  );
}
