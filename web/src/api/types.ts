import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/browser";

export type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON };

/** Timestamps arrive as ISO 8601 strings. */
export type IsoDate = string;

export interface User {
  id: string;
  email: string;
  emailVerified: boolean;
  isAdmin: boolean;
  emailSignInEnabled: boolean;
  passkeyCount: number;
  createdAt: IsoDate;
}

/** The answer to turning email sign-in on or off: the profile, and the recovery codes issued when it went off (shown once). */
export interface EmailSignInChange extends User {
  recoveryCodes: string[] | null;
}

/** A sign-in with a recovery code: a way back is spent, so the app asks for a new passkey. */
export interface RecoveryCodeSignIn {
  user: User;
  recoveryCodesRemaining: number;
  passkeyRequested: boolean;
}

export interface RecoveryCodeStatus {
  remaining: number;
  issuedAt: IsoDate | null;
}

/** What the WebAuthn Signal API needs to tell the password manager which passkeys FitFolio still accepts. */
export interface PasskeySignals {
  rpId: string;
  userId: string | null;
  credentialIds: string[];
  name: string;
  displayName: string;
}

export interface Passkey {
  id: string;
  name: string;
  createdAt: IsoDate;
  lastUsedAt: IsoDate | null;
  transports: string[];
  backedUp: boolean;
}

export interface Session {
  id: string;
  createdAt: IsoDate;
  lastSeenAt: IsoDate;
  ip: string | null;
  device: string;
  current: boolean;
}

export type ApiKeyScope = "read" | "write";

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: IsoDate;
  expiresAt: IsoDate | null;
  lastUsedAt: IsoDate | null;
}

export interface NewApiKey {
  name: string;
  scopes: ApiKeyScope[];
  expiresInDays: number | null;
}

export interface CreatedApiKey {
  key: ApiKey;
  secret: string;
}

export interface ItemList<T> {
  items: T[];
}

export interface Page<T> extends ItemList<T> {
  nextCursor: string | null;
}

export interface SignedIn {
  user: User;
}

export interface CeremonyStart<TOptions> {
  ceremonyId: string;
  options: TOptions;
}

export interface AdminUserSummary {
  id: string;
  email: string;
  emailVerified: boolean;
  createdAt: IsoDate;
  lockedUntil: IsoDate | null;
  sessionCount: number;
  passkeyCount: number;
}

/** The detail endpoint's user: the profile plus the admin lock (null when there is none). */
export interface AdminUserRecord {
  id: string;
  email: string;
  emailVerified: boolean;
  createdAt: IsoDate;
  lockedUntil: IsoDate | null;
  isAdmin: boolean;
  emailSignInEnabled: boolean;
  passkeyCount: number;
}

export interface AdminUserDetail {
  user: AdminUserRecord;
  sessions: Session[];
  passkeys: Passkey[];
  externalIdentities: LinkedIdentity[];
}

/** A provider identity linked to an account (admin detail, export): the address is the one the provider vouched for, if any. */
export interface LinkedIdentity {
  provider: string;
  subject: string;
  email: string | null;
  linkedAt: IsoDate;
}

/** A linked identity as the account page lists it, with the provider's label. */
export interface ExternalIdentity extends LinkedIdentity {
  providerName: string;
}

export interface AuditEvent {
  id: string;
  occurredAt: IsoDate;
  type: string;
  userId: string | null;
  email: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilters {
  userId: string;
  type: string;
  ip: string;
  /** ISO 8601 instant or empty. */
  from: string;
  /** ISO 8601 instant or empty. */
  to: string;
}

/** GET/PUT /account/preferences: one person's settings, the same on every device. */
export interface Preferences {
  weightUnit: "kg" | "lb";
  effortScale: "rpe" | "rir";
  /** Rest after a set when the program gives none; 0 turns the timer off. */
  defaultRestSeconds: number;
}

/** An external sign-in provider the server has on (`GET /auth/providers`): the button opens `startUrl`. */
export interface SignInProvider {
  id: string;
  name: string;
  startUrl: string;
}
