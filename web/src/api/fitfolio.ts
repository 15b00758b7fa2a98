import { download, id, request, type Signal } from "./client";
import type {
  AdminUserDetail,
  AdminUserSummary,
  ApiKey,
  AuditEvent,
  AuditFilters,
  AuthenticationResponseJSON,
  CeremonyStart,
  CreatedApiKey,
  ItemList,
  NewApiKey,
  Page,
  EmailSignInChange,
  ExternalIdentity,
  Passkey,
  PasskeySignals,
  Preferences,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RecoveryCodeSignIn,
  RecoveryCodeStatus,
  RegistrationResponseJSON,
  Session,
  SignedIn,
  SignInProvider,
  User,
} from "./types";
import { ApiError } from "./errors";

/** Every FitFolio endpoint the app uses, typed, in one place. */
export const api = {
  preferences: {
    get: () => request<Preferences>("GET", "/account/preferences"),
    put: (values: Preferences) => request<Preferences>("PUT", "/account/preferences", { body: values }),
  },

  auth: {
    /** The signed-in user, or null when nobody is. */
    async me(options: Signal = {}): Promise<User | null> {
      try {
        return await request<User>("GET", "/auth/me", { ...options, expectUnauthenticated: true });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    startMagicLink: (email: string) => request<{ status: string }>("POST", "/auth/magic-link/start", { body: { email }, expectUnauthenticated: true }),
    verifyMagicLink: (token: string) => request<SignedIn>("POST", "/auth/magic-link/verify", { body: { token }, expectUnauthenticated: true }),
    verifyCode: (email: string, code: string) => request<SignedIn>("POST", "/auth/magic-link/verify", { body: { email, code }, expectUnauthenticated: true }),
    logout: () => request<void>("POST", "/auth/logout", { expectUnauthenticated: true }),
    confirmProviderLink: (token: string) => request<SignedIn>("POST", "/auth/external/link/confirm", { body: { token }, expectUnauthenticated: true }),
    sendProviderEmailLink: (email: string) =>
      request<{ status: string }>("POST", "/auth/external/email/send", { body: { email }, expectUnauthenticated: true }),
    confirmProviderEmail: (token: string) => request<SignedIn>("POST", "/auth/external/email/confirm", { body: { token }, expectUnauthenticated: true }),
    providers: (options: Signal = {}) => request<{ items: SignInProvider[] }>("GET", "/auth/providers", { ...options, expectUnauthenticated: true }),
    setEmailSignIn: (enabled: boolean) => request<EmailSignInChange>("PUT", "/auth/email-sign-in", { body: { enabled } }),
  },

  recovery: {
    verify: (email: string, code: string) =>
      request<RecoveryCodeSignIn>("POST", "/auth/recovery-codes/verify", { body: { email, code }, expectUnauthenticated: true }),
    status: (options: Signal = {}) => request<RecoveryCodeStatus>("GET", "/auth/recovery-codes", options),
    regenerate: () => request<{ codes: string[] }>("POST", "/auth/recovery-codes"),
  },

  passkeys: {
    startAuthentication: (email?: string) =>
      request<CeremonyStart<PublicKeyCredentialRequestOptionsJSON>>("POST", "/auth/webauthn/authenticate/start", {
        body: email ? { email } : {},
        expectUnauthenticated: true,
      }),
    finishAuthentication: (ceremonyId: string, credential: AuthenticationResponseJSON) =>
      request<SignedIn>("POST", "/auth/webauthn/authenticate/finish", {
        body: { ceremonyId, credential },
        expectUnauthenticated: true,
      }),
    startRegistration: () => request<{ options: PublicKeyCredentialCreationOptionsJSON }>("POST", "/auth/webauthn/register/start"),
    finishRegistration: (credential: RegistrationResponseJSON, name?: string) =>
      request<Passkey>("POST", "/auth/webauthn/register/finish", {
        body: name ? { credential, name } : { credential },
      }),
    list: (options: Signal = {}) => request<ItemList<Passkey>>("GET", "/auth/webauthn/credentials", options),
    signals: () => request<PasskeySignals>("GET", "/auth/webauthn/signals"),
    rename: (passkeyId: string, name: string) => request<Passkey>("PATCH", `/auth/webauthn/credentials/${id(passkeyId)}`, { body: { name } }),
    remove: (passkeyId: string) => request<void>("DELETE", `/auth/webauthn/credentials/${id(passkeyId)}`),
    startReauthentication: () => request<CeremonyStart<PublicKeyCredentialRequestOptionsJSON>>("POST", "/auth/reauthenticate/start"),
    finishReauthentication: (ceremonyId: string, credential: AuthenticationResponseJSON) =>
      request<void>("POST", "/auth/reauthenticate/finish", { body: { ceremonyId, credential } }),
  },

  sessions: {
    list: (options: Signal = {}) => request<ItemList<Session>>("GET", "/auth/sessions", options),
    revoke: (sessionId: string) => request<void>("DELETE", `/auth/sessions/${id(sessionId)}`),
    revokeAllOthers: () => request<{ revoked: number }>("POST", "/auth/sessions/revoke-all-others"),
  },

  account: {
    listApiKeys: (options: Signal = {}) => request<ItemList<ApiKey>>("GET", "/account/api-keys", options),
    createApiKey: (key: NewApiKey) => request<CreatedApiKey>("POST", "/account/api-keys", { body: key }),
    deleteApiKey: (keyId: string) => request<void>("DELETE", `/account/api-keys/${id(keyId)}`),
    changeEmail: (newEmail: string) => request<void>("POST", "/account/email-change", { body: { newEmail } }),
    /** With `endOtherSessions`, every other session of the account ends (all of them from a browser without one). */
    confirmEmailChange: (token: string, endOtherSessions: boolean) =>
      request<User>("POST", "/account/email-change/confirm", { body: { token, endOtherSessions }, expectUnauthenticated: true }),
    exportData: () => download("/account/export", {}, "POST"),
    deleteAccount: () => request<void>("DELETE", "/account"),
  },

  externalIdentities: {
    list: (options: Signal = {}) => request<ItemList<ExternalIdentity>>("GET", "/account/external-identities", options),
    /** Starts linking: the answer is the provider's page, where the app sends the browser (the flow's cookies are set). */
    startLink: (provider: string) => request<{ redirectUrl: string }>("POST", `/account/external-identities/${id(provider)}/link`),
    unlink: (provider: string, subject: string) => request<void>("DELETE", `/account/external-identities/${id(provider)}/${id(subject)}`),
  },

  admin: {
    searchUsers: (query: string, cursor: string | null, options: Signal = {}) =>
      request<Page<AdminUserSummary>>("GET", "/admin/users", { ...options, query: { query, cursor } }),
    getUser: (userId: string, options: Signal = {}) => request<AdminUserDetail>("GET", `/admin/users/${id(userId)}`, options),
    /** With `revokeApiKeys`, every API key of the person is revoked too. */
    revokeSessions: (userId: string, revokeApiKeys: boolean) =>
      request<{ revoked: number; apiKeysRevoked: number }>("POST", `/admin/users/${id(userId)}/revoke-sessions`, { body: { revokeApiKeys } }),
    lockUser: (userId: string, minutes?: number) =>
      request<void>("POST", `/admin/users/${id(userId)}/lock`, { body: minutes === undefined ? {} : { minutes } }),
    unlockUser: (userId: string) => request<void>("POST", `/admin/users/${id(userId)}/unlock`),
    auditEventTypes: (options: Signal = {}) => request<ItemList<string>>("GET", "/admin/audit/event-types", options),
    auditEvents: (filters: AuditFilters, cursor: string | null, limit: number, options: Signal = {}) =>
      request<Page<AuditEvent>>("GET", "/admin/audit/events", {
        ...options,
        query: { ...filters, cursor, limit },
      }),
  },
};
