namespace FitFolio.Grains.Passkeys;

/// <summary>
/// The only exception the passkey verifiers and response parsers throw for anything a client sent.
/// <see cref="Code"/> is safe to return to the client and to audit; <see cref="Exception.Message"/> is for
/// logs and may quote parts of the input.
/// </summary>
/// <remarks>Serializable, with its <see cref="Reason"/>, so it reaches a caller on another silo as itself.</remarks>
[GenerateSerializer, Alias("fitfolio.passkeys.verification-exception")]
public sealed class PasskeyVerificationException : Exception
{
    public PasskeyVerificationException(PasskeyFailureReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public PasskeyVerificationException(PasskeyFailureReason reason, string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    [Id(0)]
    public PasskeyFailureReason Reason { get; }

    /// <summary>The machine-readable reason, e.g. <c>challenge_mismatch</c> or <c>sign_count_regression</c>.</summary>
    public string Code => Reason.ToCode();
}
