namespace FitFolio.Grains.Training.Import;

/// <summary>The columns of an export by name (case-insensitive), so column order never matters.</summary>
internal sealed class CsvHeader
{
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);

    public CsvHeader(IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            _columns.TryAdd(fields[i].Trim().Trim('\uFEFF'), i);
        }

        Count = fields.Count;
    }

    public int Count { get; }

    public bool Has(string name) => _columns.ContainsKey(name);

    public int? Find(params string[] names)
    {
        foreach (var name in names)
        {
            if (_columns.TryGetValue(name, out var index))
            {
                return index;
            }
        }

        return null;
    }

    public static string Value(CsvRecord record, int? column) =>
        column is { } i && i < record.Fields.Count ? record.Fields[i].Trim() : "";
}
