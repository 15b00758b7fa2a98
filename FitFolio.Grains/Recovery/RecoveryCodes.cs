using System.Security.Cryptography;
using FitFolio.Grains.Common;

namespace FitFolio.Grains.Recovery;

/// <summary>
/// The recovery codes themselves: <see cref="Count"/> per set, each <see cref="Length"/> characters of
/// Crockford's base32 (5 bits a character, 80 bits a code) from the OS CSPRNG, shown in groups of four.
/// 80 bits make an offline search of the stored SHA-256 digests hopeless without salt or stretching, and
/// Crockford's alphabet has no I, L, O or U, so a code copied onto paper reads back as it was written.
/// </summary>
public static class RecoveryCodes
{
    /// <summary>10 codes: enough for years of lost devices, few enough to keep on one card.</summary>
    public const int Count = 10;

    /// <summary>16 characters (80 bits), typed as four groups of four.</summary>
    public const int Length = 16;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new code as shown to the owner, e.g. <c>7K3M-Q9TZ-0R4W-HX2B</c>.</summary>
    public static string New()
    {
        var code = new System.Text.StringBuilder(Length + (Length / 4) - 1);
        for (var i = 0; i < Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                code.Append('-');
            }

            code.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }

        return code.ToString();
    }

    /// <summary>
    /// The code as it is hashed: upper case, without the dashes and spaces people type, with the letters
    /// Crockford's base32 reads as digits (I and L as 1, O as 0). False for anything else.
    /// </summary>
    public static bool TryNormalize(string? typed, out string code)
    {
        code = "";
        if (typed is null || typed.Length > 64)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[Length];
        var count = 0;
        foreach (var c in typed)
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c) switch
            {
                'I' or 'L' => '1',
                'O' => '0',
                var other => other,
            };
            if (count == Length || !Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return false;
            }

            buffer[count++] = upper;
        }

        if (count != Length)
        {
            return false;
        }

        code = new string(buffer);
        return true;
    }

    /// <summary>The stored form of a normalised code.</summary>
    public static byte[] Digest(string normalized) => Secrets.Digest(normalized);
}
