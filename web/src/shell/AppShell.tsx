import { Outlet } from "react-router";
import { ReauthProvider } from "../auth/reauth/ReauthProvider";
import { OfflineBanner } from "../pwa/OfflineBanner";
import { Header } from "./Header";
import { useRouteFocus } from "./RouteFocus";

const MAIN_ID = "main";

export function AppShell() {
  useRouteFocus(MAIN_ID);
  return (
    <ReauthProvider>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        Skip to content
      </a>
      <Header />
      <main id={MAIN_ID} className="main" tabIndex={-1}>
        <OfflineBanner />
        <Outlet />
      </main>
      <footer className="footer">
        <p>FitFolio · Train, log, repeat.</p>
      </footer>
    </ReauthProvider>
  );
}
