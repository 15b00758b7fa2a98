using FitFolio.Grains.Passkeys;

namespace FitFolio.Tests.Passkeys;

/// <summary>
/// The signature counter (§6.1.1, §7.2 step 22): a counter that does not grow is its own failure,
/// sign_count_regression, which the caller audits as webauthn_clone_warning.
/// </summary>
public sealed class SignCountTests
{
    private readonly PasskeyHarness _harness = new();
    [Theory]
    [InlineData(10u, 10u)]
    [InlineData(10u, 9u)]
    [InlineData(10u, 0u)]
    public void A_counter_that_does_not_increase_is_a_distinct_clone_warning(uint stored, uint reported)
    {
        using var authenticator = new SoftwareAuthenticator();
        var passkey = _harness.Register(authenticator).ToStoredPasskey() with { SignCount = stored };
        authenticator.SignCount = reported;
        authenticator.CounterStep = 0;

        var failure = _harness.SignInFails(authenticator, passkey);

        Assert.Equal(PasskeyFailureReason.SignCountRegression, failure.Reason);
        Assert.Equal("sign_count_regression", failure.Code);
    }

    [Fact]
    public void Counters_that_both_stay_zero_are_accepted()
    {
        using var authenticator = new SoftwareAuthenticator { CounterStep = 0 };
        var stored = _harness.Register(authenticator).ToStoredPasskey();

        Assert.Equal(0u, stored.SignCount);
        Assert.Equal(0u, _harness.SignIn(authenticator, stored).SignCount);
    }

    [Fact]
    public void A_counter_that_jumps_forward_is_accepted()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        authenticator.SignCount = uint.MaxValue - 1;

        Assert.Equal(uint.MaxValue, _harness.SignIn(authenticator, stored).SignCount);
    }

    [Fact]
    public void A_forged_assertion_with_a_stale_counter_reports_a_bad_signature_not_a_clone()
    {
        // Only a valid signature may raise the clone warning; otherwise anyone could trigger audits.
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey() with { SignCount = 100 };
        authenticator.SignCount = 5;

        var failure = _harness.SignInFails(authenticator, stored, tweak: c => c with { TamperSignature = FlipBit });

        Assert.Equal(PasskeyFailureReason.BadSignature, failure.Reason);
    }

    private static byte[] FlipBit(byte[] signature)
    {
        var copy = (byte[])signature.Clone();
        copy[copy.Length / 2] ^= 0x10;
        return copy;
    }
}
