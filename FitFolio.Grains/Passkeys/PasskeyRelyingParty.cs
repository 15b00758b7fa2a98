using FitFolio.Grains.Common;
using FitFolio.Grains.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// FitFolio as a WebAuthn relying party: one per process, built from <c>App:PublicOrigin</c>
/// (the RP ID is its host, §5.1.2; the only allowed origin is the origin itself, ARCHITECTURE.md §5)
/// and <c>Auth:PasskeyCeremonyTimeout</c>. The issuer and verifiers it holds are thread-safe.
/// </summary>
public sealed partial class PasskeyRelyingParty
{
    public const string RpName = "FitFolio";

    public PasskeyRelyingParty(AppOptions app, AuthOptions auth, TimeProvider clock, PasskeyOptions? passkeys = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(auth);
        var origin = app.PublicOrigin ?? throw new ArgumentException("App:PublicOrigin is required for passkeys.", nameof(app));
        Options = (passkeys ?? new PasskeyOptions()).ToRelyingParty(
            origin.Host, RpName, [origin.GetLeftPart(UriPartial.Authority)], auth.PasskeyCeremonyTimeout);
        Clock = clock;
        Issuer = new PasskeyChallengeIssuer(Options, clock);
        var policy = new PasskeyCeremonyPolicy(Options, clock);
        Registration = new PasskeyRegistrationVerifier(policy);
        Assertion = new PasskeyAssertionVerifier(policy);
    }

    public RelyingPartyOptions Options { get; }

    public TimeProvider Clock { get; }

    public PasskeyChallengeIssuer Issuer { get; }

    public PasskeyRegistrationVerifier Registration { get; }

    public PasskeyAssertionVerifier Assertion { get; }

    internal static PasskeyRelyingParty FromServices(IServiceProvider services)
    {
        var relyingParty = new PasskeyRelyingParty(
            services.GetRequiredService<IOptions<AppOptions>>().Value,
            services.GetRequiredService<IOptions<AuthOptions>>().Value,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IOptions<PasskeyOptions>>().Value);
        if (relyingParty.Options.Metadata is PasskeyMetadataService metadata)
        {
            MetadataInUse(services.GetRequiredService<ILogger<PasskeyRelyingParty>>(), metadata.Number, metadata.Count, metadata.NextUpdate);
        }

        return relyingParty;
    }

    // Which BLOB a silo applies, so an operator can tell a replaced file has been picked up (its number only grows).
    [LoggerMessage(
        EventId = 6000, EventName = "PasskeyMetadataInUse", Level = LogLevel.Information,
        Message = "FIDO metadata BLOB {Number} in use: {Count} authenticator models, next update due {NextUpdate}")]
    private static partial void MetadataInUse(ILogger logger, int number, int count, string nextUpdate);
}
