using System.Security.Cryptography;
using System.Text;

namespace FitFolio.Silo.Messaging;

/// <summary>
/// The shared secret on the internal endpoint. Compared as SHA-256 digests with a fixed-time
/// comparison, so neither the secret's length nor a matching prefix leaks through timing.
/// </summary>
internal sealed class ClusterSecret
{
    public const string HeaderName = "X-Cluster-Secret";

    private readonly byte[][] _accepted;

    public ClusterSecret(ClusterOptions options)
    {
        Current = options.Secret;
        _accepted = [.. new[] { options.Secret }.Concat(options.PreviousSecrets).Where(s => s.Length > 0).Select(Digest)];
    }

    /// <summary>What this silo sends.</summary>
    public string Current { get; }

    public bool Accepts(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var digest = Digest(presented);
        var accepted = false;
        foreach (var candidate in _accepted)
        {
            accepted |= CryptographicOperations.FixedTimeEquals(digest, candidate);
        }

        return accepted;
    }

    private static byte[] Digest(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
