namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>Short-hand so checks read as one line: <c>throw Fail.With(...)</c>.</summary>
internal static class Fail
{
    public static PasskeyVerificationException With(PasskeyFailureReason reason, string message) => new(reason, message);

    public static PasskeyVerificationException Malformed(string message) => new(PasskeyFailureReason.Malformed, message);

    public static PasskeyVerificationException Malformed(string message, Exception inner) => new(PasskeyFailureReason.Malformed, message, inner);
}
