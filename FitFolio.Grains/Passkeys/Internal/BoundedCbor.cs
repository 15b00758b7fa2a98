using System.Formats.Cbor;
using System.Security.Cryptography;

namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>
/// CBOR reading for client input. <see cref="CborConformanceMode.Strict"/> refuses duplicate map keys
/// and invalid UTF-8 but, unlike the canonical modes, accepts any key order: real authenticators
/// (the Feitian vector) do not sort keys, and §6.5.1 only asks for CTAP2 canonical form, it does not
/// promise it. Depth and item counts are bounded here because CborReader does not bound them itself.
/// </summary>
internal static class BoundedCbor
{
    public static CborReader Reader(ReadOnlyMemory<byte> data, bool allowMultipleRootValues = false) =>
        new(data, CborConformanceMode.Strict, allowMultipleRootValues);

    /// <summary>
    /// Runs a parser over client bytes and turns every way CborReader (and the crypto types the parser
    /// calls) report bad input into <see cref="PasskeyFailureReason.Malformed"/>, so nothing else escapes.
    /// </summary>
    public static T Guard<T>(string what, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (CborContentException exception)
        {
            throw Fail.Malformed($"{what} is not well-formed CBOR.", exception);
        }
        catch (InvalidOperationException exception)
        {
            throw Fail.Malformed($"{what} has an unexpected CBOR structure.", exception);
        }
        catch (OverflowException exception)
        {
            throw Fail.Malformed($"{what} has an out-of-range CBOR integer.", exception);
        }
        catch (FormatException exception)
        {
            throw Fail.Malformed($"{what} is not well-formed.", exception);
        }
        catch (ArgumentException exception)
        {
            throw Fail.Malformed($"{what} is not well-formed.", exception);
        }
        catch (CryptographicException exception)
        {
            throw Fail.Malformed($"{what} holds invalid key or certificate bytes.", exception);
        }
    }

    /// <summary>Skips one data item of any type, refusing nesting deeper than <see cref="InputLimits.MaxCborDepth"/>.</summary>
    public static void SkipValue(CborReader reader, int depth = 0)
    {
        if (depth > InputLimits.MaxCborDepth)
        {
            throw Fail.Malformed("CBOR nesting is too deep.");
        }

        switch (reader.PeekState())
        {
            case CborReaderState.StartArray:
                var arrayLength = reader.ReadStartArray();
                CheckCount(arrayLength);
                for (var i = 0; reader.PeekState() != CborReaderState.EndArray; i++)
                {
                    CheckCount(i + 1);
                    SkipValue(reader, depth + 1);
                }

                reader.ReadEndArray();
                break;
            case CborReaderState.StartMap:
                var mapLength = reader.ReadStartMap();
                CheckCount(mapLength);
                for (var i = 0; reader.PeekState() != CborReaderState.EndMap; i++)
                {
                    CheckCount(i + 1);
                    SkipValue(reader, depth + 1);
                    SkipValue(reader, depth + 1);
                }

                reader.ReadEndMap();
                break;
            case CborReaderState.Tag:
                reader.ReadTag();
                SkipValue(reader, depth + 1);
                break;
            default:
                // A scalar, or an (indefinite-length) string whose chunks cannot nest.
                reader.SkipValue();
                break;
        }
    }

    /// <summary>Reads a map header; the count is null for an indefinite-length map.</summary>
    public static int? ReadStartMap(CborReader reader, string what)
    {
        if (reader.PeekState() != CborReaderState.StartMap)
        {
            throw Fail.Malformed($"{what} must be a CBOR map.");
        }

        var count = reader.ReadStartMap();
        CheckCount(count);
        return count;
    }

    public static bool AtMapEnd(CborReader reader, int itemsRead)
    {
        if (reader.PeekState() == CborReaderState.EndMap)
        {
            reader.ReadEndMap();
            return true;
        }

        CheckCount(itemsRead + 1);
        return false;
    }

    public static long ReadInteger(CborReader reader, string what) =>
        reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger
            ? reader.ReadInt64()
            : throw Fail.Malformed($"{what} must be a CBOR integer.");

    public static byte[] ReadByteString(CborReader reader, string what) =>
        reader.PeekState() is CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString
            ? reader.ReadByteString()
            : throw Fail.Malformed($"{what} must be a CBOR byte string.");

    public static string ReadTextString(CborReader reader, string what) =>
        reader.PeekState() is CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString
            ? reader.ReadTextString()
            : throw Fail.Malformed($"{what} must be a CBOR text string.");

    private static void CheckCount(int? count)
    {
        if (count > InputLimits.MaxCborItems)
        {
            throw Fail.Malformed("A CBOR map or array has too many entries.");
        }
    }
}
