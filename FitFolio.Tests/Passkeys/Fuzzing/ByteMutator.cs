namespace FitFolio.Tests.Passkeys.Fuzzing;

/// <summary>
/// Byte-level mutations aimed at CBOR and binary framing: bit flips, CBOR header bytes, truncation,
/// insertion, splicing from other inputs, nesting bombs and huge declared lengths. Deterministic for a seed.
/// </summary>
public sealed class ByteMutator(Random random)
{
    // CBOR initial bytes that change framing: length encodings, indefinite starts, break, tags, simple values.
    private static readonly byte[] Interesting =
    [
        0x00, 0x01, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1f, 0x20, 0x38, 0x3b, 0x40, 0x58, 0x5b, 0x5f, 0x60, 0x78, 0x7f,
        0x80, 0x98, 0x9f, 0xa0, 0xb8, 0xbf, 0xc0, 0xc2, 0xd8, 0xf4, 0xf5, 0xf6, 0xf7, 0xf9, 0xfa, 0xfb, 0xff,
    ];

    public Random Random { get; } = random;

    /// <summary>Applies one to three random mutations; <paramref name="donors"/> feed splicing.</summary>
    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> donors)
    {
        var data = input;
        var rounds = Random.Next(1, 4);
        for (var i = 0; i < rounds; i++)
        {
            data = MutateOnce(data, donors);
        }

        return data;
    }

    private byte[] MutateOnce(byte[] data, IReadOnlyList<byte[]> donors)
    {
        switch (Random.Next(data.Length == 0 ? 11 : 0, 14))
        {
            case 0:
                return FlipBits(data);
            case 1:
                return Set(data, (byte)Random.Next(256));
            case 2:
                return Set(data, Interesting[Random.Next(Interesting.Length)]);
            case 3:
                return data[..Random.Next(data.Length)];
            case 4:
                return Delete(data);
            case 5:
                return Repeat(data);
            case 6:
                return Swap(data);
            case 7:
                return Splice(data, donors[Random.Next(donors.Count)]);
            case 8:
                return Insert(data, [.. Enumerable.Range(0, Random.Next(1, 4)).Select(_ => Interesting[Random.Next(Interesting.Length)])]);
            case 9:
                return Set(data, 0x18, Random.Next(1, 4));
            case 10:
                return Flags(data);
            case 11:
                return Insert(data, RandomBytes(Random.Next(1, 64)));
            case 12:
                return Insert(data, NestingBomb());
            default:
                return Insert(data, HugeLength());
        }
    }

    public byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.NextBytes(bytes);
        return bytes;
    }

    private byte[] FlipBits(byte[] data)
    {
        var copy = (byte[])data.Clone();
        for (var i = Random.Next(1, 5); i > 0; i--)
        {
            copy[Random.Next(copy.Length)] ^= (byte)(1 << Random.Next(8));
        }

        return copy;
    }

    private byte[] Set(byte[] data, byte value, int count = 1)
    {
        var copy = (byte[])data.Clone();
        var at = Random.Next(copy.Length);
        for (var i = 0; i < count && at + i < copy.Length; i++)
        {
            copy[at + i] = value;
        }

        return copy;
    }

    // The authenticatorData flags byte sits at offset 32; toggling it reaches UP/UV/BE/BS/AT/ED paths.
    private byte[] Flags(byte[] data)
    {
        if (data.Length <= 32)
        {
            return FlipBits(data);
        }

        var copy = (byte[])data.Clone();
        copy[32] ^= (byte)(1 << Random.Next(8));
        return copy;
    }

    private byte[] Delete(byte[] data)
    {
        var start = Random.Next(data.Length);
        var length = Random.Next(1, Math.Min(64, data.Length - start) + 1);
        return [.. data[..start], .. data[(start + length)..]];
    }

    private byte[] Repeat(byte[] data)
    {
        var start = Random.Next(data.Length);
        var length = Random.Next(1, Math.Min(64, data.Length - start) + 1);
        var chunk = data[start..(start + length)];
        return [.. data[..start], .. chunk, .. chunk, .. data[start..]];
    }

    private byte[] Swap(byte[] data)
    {
        var copy = (byte[])data.Clone();
        for (var i = Random.Next(1, 8); i > 0; i--)
        {
            var a = Random.Next(copy.Length);
            var b = Random.Next(copy.Length);
            (copy[a], copy[b]) = (copy[b], copy[a]);
        }

        return copy;
    }

    // CBOR splicing: a slice of another well-formed input replaces a slice of this one.
    private byte[] Splice(byte[] data, byte[] donor)
    {
        if (donor.Length == 0)
        {
            return Delete(data);
        }

        var from = Random.Next(donor.Length);
        var chunk = donor[from..Math.Min(donor.Length, from + Random.Next(1, 128))];
        var at = Random.Next(data.Length + 1);
        var cut = Math.Min(data.Length, at + Random.Next(0, 64));
        return [.. data[..at], .. chunk, .. data[cut..]];
    }

    private byte[] Insert(byte[] data, byte[] inserted)
    {
        var at = Random.Next(data.Length + 1);
        return [.. data[..at], .. inserted, .. data[at..]];
    }

    private byte[] NestingBomb()
    {
        var depth = Random.Next(9, 3000);
        return Random.Next(3) switch
        {
            0 => [.. Enumerable.Repeat((byte)0x81, depth), 0x00],
            1 => [.. Enumerable.Range(0, depth).SelectMany(_ => new byte[] { 0xa1, 0x01 }), 0x00],
            _ => [.. Enumerable.Repeat((byte)0xc6, depth), 0x00],
        };
    }

    // Declared lengths up to 2^64 - 1 with little or no data behind them.
    private byte[] HugeLength() => Random.Next(4) switch
    {
        0 => [0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        1 => [0x9b, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00],
        2 => [0xba, 0x7f, 0xff, 0xff, 0xff],
        _ => [0x7a, 0x00, 0x10, 0x00, 0x00, .. RandomBytes(16)],
    };
}
