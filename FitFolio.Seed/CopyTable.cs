using NpgsqlTypes;

namespace FitFolio.Seed;

/// <summary>A table the generator fills and the columns it writes; columns left out take their defaults (such as <c>records</c>).</summary>
internal sealed record CopyTable(string Name, IReadOnlyList<(string Column, NpgsqlDbType Type)> Columns)
{
    public string CopyCommand => $"copy {Name} ({string.Join(", ", Columns.Select(c => c.Column))}) from stdin (format binary)";
}
