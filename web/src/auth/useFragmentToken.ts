import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";

export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token");
  return token && token.trim() !== "" ? token : null;
}

/**
 * The single-use token an emailed link carries in its fragment (`#token=…`, which never reaches a
 * server log). Read once, then wiped from the address bar and history so it is not left in the
 * tab for shoulder-surfing or sharing.
 */
export function useFragmentToken(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromHash(location.hash));

  useEffect(() => {
    if (location.hash) void navigate({ pathname: location.pathname, search: location.search }, { replace: true });
  }, [location.hash, location.pathname, location.search, navigate]);

  return token;
}
