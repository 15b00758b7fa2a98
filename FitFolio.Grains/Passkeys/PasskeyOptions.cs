using Fido2NetLib.Objects;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// Configuration section <c>Passkeys</c>: what FitFolio asks of authenticators. Validated at start (a bad value
/// stops the host rather than the first registration); README's configuration table gives each default's reason.
/// </summary>
public sealed class PasskeyOptions
{
    public const string Section = "Passkeys";

    /// <summary>
    /// Attestation conveyance preference: none, indirect, direct or enterprise. Default none: FitFolio decides
    /// nothing on the authenticator model, and asking for more adds a browser consent prompt.
    /// </summary>
    public string Attestation { get; set; } = "none";

    /// <summary>
    /// COSE algorithm ids offered at registration, in order of preference. Default -7 (ES256), -8 (EdDSA),
    /// -257 (RS256): the set WebAuthn L3 §5.4 recommends, which every platform and security key can meet.
    /// </summary>
    public int[] Algorithms { get; set; } = [(int)COSE.Algorithm.ES256, (int)COSE.Algorithm.EdDSA, (int)COSE.Algorithm.RS256];

    /// <summary>The relying-party options for <paramref name="rpId"/>; throws <see cref="ArgumentException"/> on a bad value.</summary>
    public RelyingPartyOptions ToRelyingParty(string rpId, string rpName, IReadOnlyList<string> origins, TimeSpan ceremonyTimeout)
    {
        var options = new RelyingPartyOptions
        {
            RpId = rpId,
            RpName = rpName,
            AllowedOrigins = origins,
            CeremonyTimeout = ceremonyTimeout,
            AllowedAlgorithms = [.. (Algorithms ?? []).Select(id => (COSE.Algorithm)id)],
            Attestation = Attestation,
        };
        options.Validate();
        return options;
    }
}
