using System.Numerics;

namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>
/// The P-256 curve equation (SEC 2 §2.4.2), checked ourselves so that an off-curve point is refused
/// with the same reason on every platform, not left to whichever crypto library .NET runs on
/// (invalid-curve attacks, §6.5.1.1 requires a valid key).
/// </summary>
internal static class P256Curve
{
    private static readonly BigInteger P = Parse("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
    private static readonly BigInteger B = Parse("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");

    /// <summary>True when (x, y) are field elements and y² = x³ − 3x + b (mod p).</summary>
    public static bool IsOnCurve(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var bx = new BigInteger(x, isUnsigned: true, isBigEndian: true);
        var by = new BigInteger(y, isUnsigned: true, isBigEndian: true);
        if (bx >= P || by >= P)
        {
            return false;
        }

        var left = BigInteger.ModPow(by, 2, P);
        var right = (BigInteger.ModPow(bx, 3, P) - (3 * bx) + B) % P;
        if (right.Sign < 0)
        {
            right += P;
        }

        return left == right;
    }

    private static BigInteger Parse(string hex) => new(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: true);
}
