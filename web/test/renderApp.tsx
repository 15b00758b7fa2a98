import { render, screen } from "@testing-library/react";
import { StrictMode, type ReactNode } from "react";
import { MemoryRouter, useLocation } from "react-router";
import { AppRoutes } from "../src/App";
import { SessionProvider } from "../src/auth/session";

function LocationProbe() {
  const location = useLocation();
  return (
    <output data-testid="location" hidden>
      {`${location.pathname}${location.search}${location.hash}`}
    </output>
  );
}

/** The whole app at `path`, with the fetch fake deciding who is signed in. */
export function renderApp(path: string, { strict = false, state }: { strict?: boolean; state?: unknown } = {}) {
  const app = (
    <MemoryRouter initialEntries={[{ pathname: path.split(/[?#]/)[0], search: part(path, "?"), hash: part(path, "#"), state }]}>
      <SessionProvider>
        <AppRoutes />
        <LocationProbe />
      </SessionProvider>
    </MemoryRouter>
  );
  return render(strict ? <Strict>{app}</Strict> : app);
}

function Strict({ children }: { children: ReactNode }) {
  return <StrictMode>{children}</StrictMode>;
}

/** The "?…" or "#…" part of a path, keeping the search from swallowing the hash. */
function part(path: string, marker: "?" | "#"): string {
  const hashAt = path.indexOf("#");
  if (marker === "#") return hashAt < 0 ? "" : path.slice(hashAt);
  const searchAt = path.indexOf("?");
  if (searchAt < 0 || (hashAt >= 0 && searchAt > hashAt)) return "";
  return path.slice(searchAt, hashAt < 0 ? undefined : hashAt);
}

export function currentLocation(): string {
  return screen.getByTestId("location").textContent ?? "";
}
