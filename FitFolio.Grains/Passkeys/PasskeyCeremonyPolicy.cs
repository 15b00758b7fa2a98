using System.Security.Cryptography;
using Fido2NetLib;
using Fido2NetLib.Objects;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// What FitFolio asks of a ceremony beyond what Fido2 checks, run on what Fido2 parsed and before it verifies:
/// the pending ceremony's kind and expiry (Fido2 keeps no state), and client-data rules stricter than the
/// library's, each with a reason code of its own. Fido2 checks challenge, origin and cross-origin again.
/// </summary>
internal sealed class PasskeyCeremonyPolicy
{
    /// <summary>§5.1 credentialId: at most 1023 bytes; longer ones must be ignored by RPs, we refuse them.</summary>
    public const int MaxCredentialIdBytes = 1023;

    private readonly TimeProvider _timeProvider;

    public PasskeyCeremonyPolicy(RelyingPartyOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _timeProvider = timeProvider;
        Configuration = new Fido2Configuration
        {
            RPID = options.RpId,
            RPName = options.RpName,
            // Fido2 checks clientData.origin and topOrigin against this one set; CheckClientData has already held
            // each to its own list, so adding the allowed top origins here lets an allowed embedding through.
            Origins = new HashSet<string>(options.AllowedOrigins.Concat(options.AllowedTopOrigins), StringComparer.Ordinal),
            Timeout = (uint)options.CeremonyTimeout.TotalMilliseconds,
            ChallengeSize = PasskeyChallengeIssuer.ChallengeSize,
            AllowCrossOriginRequests = options.AllowedTopOrigins.Count > 0,
            // BE and BS are reported, not required or refused: synced passkeys are welcome, and BE's
            // continuity across sign-ins is checked against the stored credential below.
            BackupEligibleCredentialPolicy = Fido2Configuration.CredentialBackupPolicy.Allowed,
            BackedUpCredentialPolicy = Fido2Configuration.CredentialBackupPolicy.Allowed,
            UndesiredAuthenticatorMetadataStatuses = [.. RefusedMetadataStatuses],
        };
        Fido2 = new Fido2(Configuration, options.Metadata);
    }

    /// <summary>
    /// With metadata configured, a registration whose authenticator model's latest status report says one of these is
    /// refused with <c>authenticator_not_trusted</c>: the key or its user verification can no longer be trusted. Fido2
    /// 4.3.3's own default, spelled out so that an upgrade cannot change the policy unseen. Not RETIRED or
    /// UPDATE_AVAILABLE: those say nothing against keys already made.
    /// </summary>
    public static IReadOnlyList<AuthenticatorStatus> RefusedMetadataStatuses { get; } =
    [
        AuthenticatorStatus.REVOKED,
        AuthenticatorStatus.ATTESTATION_KEY_COMPROMISE,
        AuthenticatorStatus.USER_VERIFICATION_BYPASS,
        AuthenticatorStatus.USER_KEY_REMOTE_COMPROMISE,
        AuthenticatorStatus.USER_KEY_PHYSICAL_COMPROMISE,
    ];

    public RelyingPartyOptions Options { get; }

    public Fido2Configuration Configuration { get; }

    /// <summary>Built once: Fido2 keeps no per-ceremony state, so one instance serves every grain.</summary>
    public Fido2 Fido2 { get; }

    public UserVerificationRequirement UserVerification =>
        Options.RequireUserVerification ? UserVerificationRequirement.Required : UserVerificationRequirement.Preferred;

    public void CheckPending(PendingPasskeyCeremony pending, PasskeyCeremonyKind expected)
    {
        if (pending.Kind != expected)
        {
            throw Fail(PasskeyFailureReason.CeremonyMismatch, $"The pending ceremony is a {pending.Kind}, not a {expected}.");
        }

        if (_timeProvider.GetUtcNow() >= pending.ExpiresAt)
        {
            throw Fail(PasskeyFailureReason.ChallengeExpired, "The challenge has expired; start the ceremony again.");
        }
    }

    /// <summary>§7.1 steps 7–10, §7.2 steps 11–14, on the client data Fido2 parsed.</summary>
    public void CheckClientData(AuthenticatorResponse clientData, string expectedType, PendingPasskeyCeremony pending)
    {
        if (!string.Equals(clientData.Type, expectedType, StringComparison.Ordinal))
        {
            throw Fail(PasskeyFailureReason.TypeMismatch, $"clientDataJSON.type is \"{Truncate(clientData.Type)}\"; expected \"{expectedType}\".");
        }

        if (clientData.Challenge is null || !CryptographicOperations.FixedTimeEquals(clientData.Challenge, pending.Challenge.Span))
        {
            throw Fail(PasskeyFailureReason.ChallengeMismatch, "clientDataJSON.challenge is not the challenge issued for this ceremony.");
        }

        // Exact string comparison: Fido2 normalises origins (case, default port), we accept only what we serve.
        if (clientData.Origin is null || !Options.AllowedOrigins.Contains(clientData.Origin, StringComparer.Ordinal))
        {
            throw Fail(PasskeyFailureReason.OriginMismatch, $"clientDataJSON.origin \"{Truncate(clientData.Origin)}\" is not an allowed origin.");
        }

        // L3 §5.8.1: topOrigin is present only for a cross-origin call. We allow a cross-origin iframe
        // only under a configured top-level origin, so a frame elsewhere cannot run our ceremony.
        if (clientData.CrossOrigin)
        {
            if (clientData.TopOrigin is null || !Options.AllowedTopOrigins.Contains(clientData.TopOrigin, StringComparer.Ordinal))
            {
                throw Fail(
                    PasskeyFailureReason.CrossOriginNotAllowed, "The ceremony ran in a cross-origin iframe under a top-level origin that is not allowed.");
            }
        }
        else if (clientData.TopOrigin is not null)
        {
            throw Fail(PasskeyFailureReason.CrossOriginNotAllowed, "clientDataJSON has topOrigin without crossOrigin.");
        }
    }

    public static PasskeyVerificationException Fail(PasskeyFailureReason reason, string message) => new(reason, message);

    /// <summary>
    /// Runs a Fido2 step and turns what it throws into our failure; anything <see cref="Fido2FailureTable.Translate"/>
    /// does not know is rethrown, so a new kind of library failure shows up as a bug rather than a silent refusal.
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (Exception e) when (Fido2FailureTable.Translate(e) is { } failure && !ReferenceEquals(failure, e))
        {
            throw failure;
        }
    }

    /// <inheritdoc cref="RunAsync{T}(Func{Task{T}})"/>
    public static T Run<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (Fido2FailureTable.Translate(e) is { } failure && !ReferenceEquals(failure, e))
        {
            throw failure;
        }
    }

    // Messages go to logs; never copy an attacker-sized string into them.
    private static string Truncate(string? value) => value is null ? "(none)" : value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");
}
