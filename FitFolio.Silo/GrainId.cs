namespace FitFolio.Silo;

/// <summary>The identity of a grain: its type name and key. Hashes the same on every silo.</summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(key);
        Type = type;
        Key = key;
        StableHash = StableHashing.Hash(type, key);
    }

    public string Type { get; }

    public string Key { get; }

    /// <summary>
    /// A process-independent 64-bit hash (string.GetHashCode is randomised per process, so it
    /// cannot be used for placement that every silo must agree on).
    /// </summary>
    internal ulong StableHash { get; }

    public bool Equals(GrainId other) => StableHash == other.StableHash && Key == other.Key && Type == other.Type;

    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    public override int GetHashCode() => (int)StableHash;

    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);

    public override string ToString() => $"{Type}/{Key}";
}
