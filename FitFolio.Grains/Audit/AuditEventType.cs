namespace FitFolio.Grains.Audit;

/// <summary>The event types written to <c>login_events</c>. Stable strings: admins filter on them.</summary>
public static class AuditEventType
{
    public const string MagicLinkSent = "magic_link_sent";
    public const string MagicLinkRefused = "magic_link_refused";
    public const string MagicLinkVerifiedSuccess = "magic_link_verified_success";
    public const string MagicLinkVerifiedFailure = "magic_link_verified_failure";
    public const string MagicLinkExpired = "magic_link_expired";
    public const string CodeFailure = "code_failure";
    public const string EmailVerified = "email_verified";
    public const string WebAuthnRegisterStart = "webauthn_register_start";
    public const string WebAuthnRegisterFinishSuccess = "webauthn_register_finish_success";
    public const string WebAuthnRegisterFinishFailure = "webauthn_register_finish_failure";
    public const string WebAuthnAuthStart = "webauthn_auth_start";
    public const string WebAuthnAuthSuccess = "webauthn_auth_success";
    public const string WebAuthnAuthFailure = "webauthn_auth_failure";
    public const string WebAuthnCloneWarning = "webauthn_clone_warning";
    public const string SessionCreated = "session_created";
    public const string SessionRotated = "session_rotated";
    public const string SessionRevoked = "session_revoked";
    public const string SessionExpired = "session_expired";
    public const string Logout = "logout";
    public const string AccountLocked = "account_locked";
    public const string AccountUnlocked = "account_unlocked";
    public const string Reauthenticated = "reauthenticated";
    public const string PasskeyRenamed = "passkey_renamed";
    public const string PasskeyDeleted = "passkey_deleted";
    public const string EmailSignInChanged = "email_sign_in_changed";
    public const string NewDeviceSignIn = "new_device_sign_in";
    public const string EmailChangeRequested = "email_change_requested";
    public const string EmailChanged = "email_changed";
    public const string EmailChangeFailed = "email_change_failed";
    public const string AccountDeleted = "account_deleted";
    public const string DataExported = "data_exported";
    public const string RecoveryCodesIssued = "recovery_codes_issued";

    /// <summary>The codes left unused were ended because email sign-in came back on (the mailbox is the way back again).</summary>
    public const string RecoveryCodesRevoked = "recovery_codes_revoked";
    public const string RecoveryCodeUsed = "recovery_code_used";
    public const string RecoveryCodeFailure = "recovery_code_failure";
    public const string ApiKeyCreated = "api_key_created";
    public const string ApiKeyRevoked = "api_key_revoked";
    public const string ApiKeyRejected = "api_key_rejected";

    /// <summary>A key's successful use, sampled: at most one row per key per <c>ApiKeys:UseAuditInterval</c>.</summary>
    public const string ApiKeyUsed = "api_key_used";
    /// <summary>A session started by an external provider; the details name the provider.</summary>
    public const string ExternalSignInSuccess = "external_sign_in_success";

    /// <summary>A provider sign-in refused or failed (state, nonce, provider error, linking rule, lock); the details name provider and reason.</summary>
    public const string ExternalSignInFailure = "external_sign_in_failure";
    public const string ExternalIdentityLinked = "external_identity_linked";

    /// <summary>The owner unlinked a provider identity on the account page; the details name provider and subject.</summary>
    public const string ExternalIdentityUnlinked = "external_identity_unlinked";

    /// <summary>An unlink refused because the identity was the account's last way to sign in.</summary>
    public const string ExternalIdentityUnlinkRefused = "external_identity_unlink_refused";

    /// <summary>A provider identity claimed an owned account's address: the owner was mailed a link to confirm linking it.</summary>
    public const string ExternalIdentityLinkRequested = "external_identity_link_requested";

    /// <summary>A provider identity came without a verified address: the browser was asked for one; the details name the provider.</summary>
    public const string ExternalEmailProofStarted = "external_email_proof_started";

    /// <summary>A link proving the address named for a waiting provider identity was mailed; the details name the provider.</summary>
    public const string ExternalEmailProofMailed = "external_email_proof_mailed";
    public const string AdminViewedUser = "admin_viewed_user";
    public const string RateLimited = "rate_limited";
    public const string CsrfRejected = "csrf_rejected";
    public const string MailRefused = "mail_refused";

    /// <summary>A 403 from an authorisation check (admin, API key not allowed, scope, recent sign-in); the code is in the details.</summary>
    public const string AuthorizationRefused = "authorization_refused";

    public static IReadOnlySet<string> All { get; } = typeof(AuditEventType).GetFields()
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);
}
