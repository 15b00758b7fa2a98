using FitFolio.Grains.Users;

namespace FitFolio.Grains.Passkeys;

/// <summary>The end of a registration: the new passkey, or the reason code it was refused with.</summary>
[GenerateSerializer, Alias("fitfolio.passkeys.registration-result")]
public sealed record PasskeyRegistrationResult(
    [property: Id(0)] PasskeyView? Passkey,
    [property: Id(1)] UserProfile? User,
    [property: Id(2)] string? FailureCode)
{
    /// <summary>No pending registration: never started, already tried once, or lost with a silo.</summary>
    public const string NoPendingCeremony = "unknown_ceremony";

    /// <summary>The credential id is already stored, for this account or another (§7.1 step 26).</summary>
    public const string AlreadyRegistered = "credential_already_registered";

    /// <summary>The session that started the ceremony ended before it finished.</summary>
    public const string SessionEnded = "session_ended";

    public bool Succeeded => Passkey is not null;

    public static PasskeyRegistrationResult Failed(string code) => new(null, null, code);
}
