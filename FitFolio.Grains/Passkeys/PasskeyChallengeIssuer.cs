using System.Buffers.Text;
using System.Security.Cryptography;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// Starts ceremonies: a fresh challenge, the options JSON for the browser, and the pending ceremony
/// the grain keeps. Thread-safe and stateless apart from its options.
/// </summary>
public sealed class PasskeyChallengeIssuer
{
    /// <summary>32 bytes: twice the §13.4.3 minimum of 16, the size the brief and most RPs use.</summary>
    public const int ChallengeSize = 32;

    private static readonly string[] KnownHints = ["security-key", "client-device", "hybrid"];

    private readonly RelyingPartyOptions _options;
    private readonly TimeProvider _timeProvider;

    public PasskeyChallengeIssuer(RelyingPartyOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Options for navigator.credentials.create. <paramref name="existingCredentials"/> become
    /// excludeCredentials so an authenticator that already holds one of the user's passkeys refuses to make another.
    /// </summary>
    public PasskeyRegistrationStart IssueRegistration(
        PasskeyUser user, IEnumerable<PasskeyCredentialDescriptor> existingCredentials, IReadOnlyList<string>? hints = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(existingCredentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.DisplayName);
        CheckHints(hints);

        var challenge = RandomNumberGenerator.GetBytes(ChallengeSize);
        var pending = PendingPasskeyCeremony.ForRegistration(challenge, user.Handle.Span, Expiry());
        var options = new PublicKeyCredentialCreationOptionsJson(
            new PublicKeyCredentialRpEntityJson(_options.RpId, _options.RpName),
            new PublicKeyCredentialUserEntityJson(Base64Url.EncodeToString(user.Handle.Span), user.Name, user.DisplayName),
            Base64Url.EncodeToString(challenge),
            [.. _options.AllowedAlgorithms.Select(algorithm => new PublicKeyCredentialParametersJson("public-key", (int)algorithm))],
            TimeoutMilliseconds(),
            Descriptors(existingCredentials),
            new AuthenticatorSelectionCriteriaJson("required", true, UserVerification()),
            hints,
            _options.Attestation);
        return new PasskeyRegistrationStart(options, pending);
    }

    /// <summary>
    /// Options for navigator.credentials.get. Pass the user's handle and credentials when the user was
    /// identified first; pass null and no credentials for a usernameless sign-in with a discoverable credential.
    /// </summary>
    public PasskeyAuthenticationStart IssueAuthentication(
        ReadOnlyMemory<byte>? userHandle, IEnumerable<PasskeyCredentialDescriptor> allowedCredentials, IReadOnlyList<string>? hints = null)
    {
        ArgumentNullException.ThrowIfNull(allowedCredentials);
        CheckHints(hints);
        var allowed = allowedCredentials.ToArray();
        if (userHandle is null && allowed.Length > 0)
        {
            throw new ArgumentException("allowCredentials names a user's credentials, so the user handle must be given too.", nameof(allowedCredentials));
        }

        var challenge = RandomNumberGenerator.GetBytes(ChallengeSize);
        var pending = PendingPasskeyCeremony.ForAuthentication(challenge, userHandle, allowed.Select(credential => credential.Id), Expiry());
        var options = new PublicKeyCredentialRequestOptionsJson(
            Base64Url.EncodeToString(challenge),
            TimeoutMilliseconds(),
            _options.RpId,
            Descriptors(allowed),
            UserVerification(),
            hints);
        return new PasskeyAuthenticationStart(options, pending);
    }

    private DateTimeOffset Expiry() => _timeProvider.GetUtcNow() + _options.CeremonyTimeout;

    private long TimeoutMilliseconds() => (long)_options.CeremonyTimeout.TotalMilliseconds;

    private string UserVerification() => _options.RequireUserVerification ? "required" : "preferred";

    private static PublicKeyCredentialDescriptorJson[] Descriptors(IEnumerable<PasskeyCredentialDescriptor> credentials) =>
        [.. credentials.Select(credential =>
        {
            if (credential.Id.Length is 0 or > PasskeyCeremonyPolicy.MaxCredentialIdBytes)
            {
                throw new ArgumentException("A credential ID must be 1 to 1023 bytes.", nameof(credentials));
            }

            return new PublicKeyCredentialDescriptorJson(
                "public-key", Base64Url.EncodeToString(credential.Id.Span), credential.Transports.Count == 0 ? null : credential.Transports);
        })];

    private static void CheckHints(IReadOnlyList<string>? hints)
    {
        if (hints is not null && hints.Any(hint => !KnownHints.Contains(hint, StringComparer.Ordinal)))
        {
            throw new ArgumentException("Hints must be security-key, client-device or hybrid (L3 §5.8.7).", nameof(hints));
        }
    }
}
