using FitFolio.Grains.Passkeys;

namespace FitFolio.Tests.Passkeys;

/// <summary>
/// The Fido2-backed verifiers behind the synchronous calls the ceremony tests were written with. Fido2 awaits
/// nothing here but our callbacks, which complete at once, so blocking cannot deadlock.
/// </summary>
public sealed class BlockingRegistrationVerifier(PasskeyRegistrationVerifier verifier)
{
    /// <summary>Every credential id counts as new: uniqueness across accounts is the grain's, tested over HTTP.</summary>
    public RegisteredPasskey Verify(string json, PendingPasskeyCeremony pending) =>
        verifier.VerifyAsync(json, pending, (_, _) => Task.FromResult(true)).GetAwaiter().GetResult();

    public RegisteredPasskey Verify(RegistrationResponse response, PendingPasskeyCeremony pending) =>
        verifier.VerifyAsync(response, pending, (_, _) => Task.FromResult(true)).GetAwaiter().GetResult();
}

/// <inheritdoc cref="BlockingRegistrationVerifier"/>
public sealed class BlockingAssertionVerifier(PasskeyAssertionVerifier verifier)
{
    public VerifiedAssertion Verify(AuthenticationResponse response, PendingPasskeyCeremony pending, StoredPasskey stored) =>
        verifier.VerifyAsync(response, pending, stored).GetAwaiter().GetResult();
}
