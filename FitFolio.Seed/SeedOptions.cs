namespace FitFolio.Seed;

/// <summary>What to generate. The same options give the same rows, byte for byte, on any run.</summary>
public sealed record SeedOptions
{
    /// <summary>How many people.</summary>
    public required int People { get; init; }

    /// <summary>The seed number every value follows from (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// The day histories end: each person's last workout is before it and their sessions were made in the two
    /// days before it, so with "now" every session is live (idle timeout 3 days). Tests fix it for determinism.
    /// </summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>The longest history; each person's is drawn between two weeks and this (default 3 years, the size).</summary>
    public double MaxYears { get; init; } = 3;

    /// <summary>Whether people get training histories (default); without, only accounts, passkeys, sessions and their audit trail (crowd rows).</summary>
    public bool Training { get; init; } = true;

    /// <summary>People per COPY batch: bounds memory (one batch's rows are held at once) without many round trips.</summary>
    public int BatchSize { get; init; } = 50;
}
