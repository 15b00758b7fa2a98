namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>
/// Strict base64url (RFC 4648 §5) without padding, the encoding of every binary member in the
/// WebAuthn JSON forms (L3 §5.1.4.2). Strict means one accepted spelling per byte string: no padding,
/// no whitespace, no non-zero leftover bits, so nothing can be smuggled in two encodings.
/// </summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static byte[] Decode(string value, string field, int maxBytes = InputLimits.MaxFieldBytes)
    {
        if (value.Length > InputLimits.Base64UrlLength(maxBytes))
        {
            throw Fail.With(PasskeyFailureReason.InputTooLarge, $"{field} is longer than {maxBytes} bytes.");
        }

        foreach (var c in value)
        {
            if (!IsAlphabet(c))
            {
                throw Fail.Malformed($"{field} is not unpadded base64url.");
            }
        }

        if (value.Length % 4 == 1)
        {
            throw Fail.Malformed($"{field} has an impossible base64url length.");
        }

        var bytes = new byte[System.Buffers.Text.Base64Url.GetMaxDecodedLength(value.Length)];
        int written;
        try
        {
            // The BCL decoder reports some invalid inputs (non-zero leftover bits) by throwing, not by returning false.
            if (!System.Buffers.Text.Base64Url.TryDecodeFromChars(value, bytes, out written))
            {
                throw Fail.Malformed($"{field} is not unpadded base64url.");
            }
        }
        catch (FormatException exception)
        {
            throw Fail.Malformed($"{field} is not canonical base64url.", exception);
        }

        Array.Resize(ref bytes, written);
        if (!string.Equals(Encode(bytes), value, StringComparison.Ordinal))
        {
            throw Fail.Malformed($"{field} is not canonical base64url.");
        }

        return bytes;
    }

    private static bool IsAlphabet(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
}
