namespace FitFolio.Seed;

/// <summary>The rows of a few people, per table, waiting for one COPY each.</summary>
internal sealed class SeedBatch
{
    private readonly Dictionary<CopyTable, List<object?[]>> _rows = SeedTables.InOrder.ToDictionary(t => t, _ => new List<object?[]>());

    public void Add(CopyTable table, params object?[] row) => _rows[table].Add(row);

    public IReadOnlyList<object?[]> RowsOf(CopyTable table) => _rows[table];

    public int Count(CopyTable table) => _rows[table].Count;
}
