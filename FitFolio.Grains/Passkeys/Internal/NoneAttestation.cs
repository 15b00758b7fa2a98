namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>The none attestation format (§8.7): attStmt must be an empty map.</summary>
internal static class NoneAttestation
{
    public const string Format = "none";

    public static PasskeyAttestationType Verify(ReadOnlyMemory<byte> statement)
    {
        var empty = BoundedCbor.Guard("attStmt", () =>
        {
            var reader = BoundedCbor.Reader(statement);
            BoundedCbor.ReadStartMap(reader, "attStmt");
            return BoundedCbor.AtMapEnd(reader, 0);
        });
        return empty
            ? PasskeyAttestationType.None
            : throw Fail.With(PasskeyFailureReason.InvalidAttestationStatement, "A none attestation statement must be an empty map (§8.7).");
    }
}
