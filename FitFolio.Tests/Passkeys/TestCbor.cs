using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;

namespace FitFolio.Tests.Passkeys;

/// <summary>Hand-built CBOR and authenticator data for inputs the software authenticator would never produce.</summary>
public static class TestCbor
{
    /// <summary>A CBOR map written entry by entry; keys and values are written by the callbacks.</summary>
    public static byte[] Map(params Action<CborWriter>[] entries)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(entries.Length);
        foreach (var entry in entries)
        {
            entry(writer);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    public static Action<CborWriter> Int(long key, long value) => w =>
    {
        w.WriteInt64(key);
        w.WriteInt64(value);
    };

    public static Action<CborWriter> Bytes(long key, byte[] value) => w =>
    {
        w.WriteInt64(key);
        w.WriteByteString(value);
    };

    public static Action<CborWriter> Text(long key, string value) => w =>
    {
        w.WriteInt64(key);
        w.WriteTextString(value);
    };

    /// <summary>A valid EC2 P-256 COSE key, optionally with entries left out or added.</summary>
    public static byte[] Es256Key(ECParameters? parameters = null, params long[] omit)
    {
        var q = (parameters ?? ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportParameters(false)).Q;
        Action<CborWriter>[] entries = [Int(1, 2), Int(3, -7), Int(-1, 1), Bytes(-2, q.X!), Bytes(-3, q.Y!)];
        long[] labels = [1, 3, -1, -2, -3];
        return Map([.. entries.Where((_, i) => !omit.Contains(labels[i]))]);
    }

    /// <summary>
    /// authenticatorData with attested credential data, built byte by byte (§6.1, §6.5.2).
    /// <paramref name="declaredIdLength"/> lets the length field disagree with the ID.
    /// </summary>
    public static byte[] AuthenticatorData(
        string rpId,
        byte flags,
        uint signCount,
        byte[]? credentialId = null,
        byte[]? publicKeyCose = null,
        byte[]? extensions = null,
        int? declaredIdLength = null)
    {
        var data = new List<byte>(SHA256.HashData(Encoding.UTF8.GetBytes(rpId))) { flags };
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, signCount);
        data.AddRange(counter);
        if (credentialId is not null)
        {
            data.AddRange(new byte[16]);
            var length = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(declaredIdLength ?? credentialId.Length));
            data.AddRange(length);
            data.AddRange(credentialId);
            data.AddRange(publicKeyCose ?? Es256Key());
        }

        data.AddRange(extensions ?? []);
        return [.. data];
    }

    /// <summary>An attestation object with the given members, in the given order.</summary>
    public static byte[] AttestationObject(string? fmt, byte[]? attStmt, byte[]? authData)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap((fmt is null ? 0 : 1) + (attStmt is null ? 0 : 1) + (authData is null ? 0 : 1));
        if (fmt is not null)
        {
            writer.WriteTextString("fmt");
            writer.WriteTextString(fmt);
        }

        if (attStmt is not null)
        {
            writer.WriteTextString("attStmt");
            writer.WriteEncodedValue(attStmt);
        }

        if (authData is not null)
        {
            writer.WriteTextString("authData");
            writer.WriteByteString(authData);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>The three members of an attestation object, read back so a test can rebuild it with one changed.</summary>
    public static (string Fmt, byte[] AttStmt, byte[] AuthData) ReadAttestationObject(byte[] encoded)
    {
        var reader = new CborReader(encoded, CborConformanceMode.Lax);
        reader.ReadStartMap();
        string fmt = "";
        byte[] attStmt = [], authData = [];
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            switch (reader.ReadTextString())
            {
                case "fmt":
                    fmt = reader.ReadTextString();
                    break;
                case "attStmt":
                    attStmt = reader.ReadEncodedValue().ToArray();
                    break;
                default:
                    authData = reader.ReadByteString();
                    break;
            }
        }

        return (fmt, attStmt, authData);
    }
}
