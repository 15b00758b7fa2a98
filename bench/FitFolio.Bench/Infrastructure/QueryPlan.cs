using Npgsql;

namespace FitFolio.Bench.Infrastructure;

/// <summary>
/// EXPLAIN ANALYZE of a read the app makes, for the notes: what PostgreSQL spends on it, apart from the machine's load; with
/// BUFFERS, so the printed plan says whether its pages came from shared buffers or had to be read.
/// </summary>
internal static class QueryPlan
{
    /// <summary>The plan's lines (printed to stderr) and its execution time in ms.</summary>
    public static async Task<double> ExplainAsync(string connectionString, string label, string sql, Guid userId, Guid exerciseId)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("explain (analyze, buffers, costs off) " + sql);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("exercise", exerciseId);
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        Console.Error.WriteLine($"  EXPLAIN ANALYZE, {label}:");
        foreach (var line in lines)
        {
            Console.Error.WriteLine("    " + line);
        }

        var time = lines.Last(l => l.StartsWith("Execution Time:", StringComparison.Ordinal));
        var milliseconds = time["Execution Time:".Length..].Replace("ms", "", StringComparison.Ordinal).Trim();
        return double.Parse(milliseconds, System.Globalization.CultureInfo.InvariantCulture);
    }
}
