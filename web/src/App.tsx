import { lazy } from "react";
import { Navigate, Route, Routes } from "react-router";
import { AccountLayout } from "./account/AccountLayout";
import { ApiKeysPage } from "./account/apiKeys/ApiKeysPage";
import { DataPage } from "./account/data/DataPage";
import { ConfirmEmailChangePage } from "./account/email/ConfirmEmailChangePage";
import { EmailPage } from "./account/email/EmailPage";
import { PasskeysPage } from "./account/passkeys/PasskeysPage";
import { ProvidersPage } from "./account/providers/ProvidersPage";
import { SessionsPage } from "./account/sessions/SessionsPage";
import { CheckEmailPage } from "./auth/CheckEmailPage";
import { MagicLinkPage } from "./auth/MagicLinkPage";
import { ProviderEmailLinkPage } from "./auth/ProviderEmailLinkPage";
import { ProviderEmailPage } from "./auth/ProviderEmailPage";
import { ProviderLinkPage } from "./auth/ProviderLinkPage";
import { RecoveryCodePage } from "./auth/RecoveryCodePage";
import { SessionProvider } from "./auth/session";
import { SignInPage } from "./auth/SignInPage";
import { WelcomePasskeyPage } from "./auth/WelcomePasskeyPage";
import { AppShell } from "./shell/AppShell";
import { NotFoundPage } from "./shell/NotFoundPage";
import { RedirectIfSignedIn } from "./shell/RedirectIfSignedIn";
import { RequireAdmin } from "./shell/RequireAdmin";
import { RequireAuth } from "./shell/RequireAuth";
import { trainingRoutes } from "./training/trainingRoutes";

// Admin screens are for a handful of people: their code loads when one opens them, never with the
// sign-in page or the logger (the first-load budget, scripts/js-budget.mjs).
const AdminLayout = lazy(() => import("./admin/AdminLayout").then((module) => ({ default: module.AdminLayout })));
const AdminUsersPage = lazy(() => import("./admin/users/AdminUsersPage").then((module) => ({ default: module.AdminUsersPage })));
const AdminUserPage = lazy(() => import("./admin/users/AdminUserPage").then((module) => ({ default: module.AdminUserPage })));
const AuditPage = lazy(() => import("./admin/audit/AuditPage").then((module) => ({ default: module.AuditPage })));

/** Every screen of the app. Rendered inside a router: BrowserRouter in the app, MemoryRouter in tests. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route element={<RedirectIfSignedIn />}>
          <Route path="signin" element={<SignInPage />} />
          <Route path="signin/check-email" element={<CheckEmailPage />} />
          <Route path="signin/recovery" element={<RecoveryCodePage />} />
          <Route path="signin/provider-email" element={<ProviderEmailPage />} />
        </Route>
        <Route path="auth/link" element={<MagicLinkPage />} />
        <Route path="auth/provider-link" element={<ProviderLinkPage />} />
        <Route path="auth/provider-email" element={<ProviderEmailLinkPage />} />
        <Route path="account/email/confirm" element={<ConfirmEmailChangePage />} />
        <Route element={<RequireAuth />}>
          {trainingRoutes()}
          <Route path="welcome/passkey" element={<WelcomePasskeyPage />} />
          <Route path="account" element={<AccountLayout />}>
            <Route index element={<Navigate to="passkeys" replace />} />
            <Route path="passkeys" element={<PasskeysPage />} />
            <Route path="providers" element={<ProvidersPage />} />
            <Route path="sessions" element={<SessionsPage />} />
            <Route path="api-keys" element={<ApiKeysPage />} />
            <Route path="email" element={<EmailPage />} />
            <Route path="data" element={<DataPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
          <Route path="admin" element={<RequireAdmin />}>
            <Route element={<AdminLayout />}>
              <Route index element={<AdminUsersPage />} />
              <Route path="users/:userId" element={<AdminUserPage />} />
              <Route path="audit" element={<AuditPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <SessionProvider>
      <AppRoutes />
    </SessionProvider>
  );
}
