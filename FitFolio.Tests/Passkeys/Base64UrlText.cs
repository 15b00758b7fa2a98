namespace FitFolio.Tests.Passkeys;

/// <summary>
/// The tests' own base64url, independent of the production decoder so a bug there cannot hide in both.
/// Accepts padding because it only reads trusted test data.
/// </summary>
public static class Base64UrlText
{
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
