using System.Globalization;
using System.Text;

namespace FitFolio.Bench.Reporting;

/// <summary>The one table printed at the end of a run (Markdown, so it pastes into bench/README.md as is).</summary>
internal sealed class ResultTable
{
    public const string HelloWorld = "Hello-world ceiling (Kestrel GET /)";

    private static readonly string[] Headers = ["Scenario", "Result", "Unit", "p50", "p99", "CPU/op", "Target", "Pass", "Notes"];
    private readonly List<ScenarioResult> _rows = [];

    public IReadOnlyList<ScenarioResult> Rows => _rows;

    public void AddRange(IEnumerable<ScenarioResult> results) => _rows.AddRange(results);

    /// <summary>Rows that miss a target, absolute or relative, or that errored.</summary>
    public int Missed => _rows.Count(r => Passed(r) == false);

    /// <summary>
    /// Ratio targets whose baseline row is absent or errored. Program runs every baseline a selected
    /// scenario names, so this is a broken run (the baseline threw), never a PASS by omission.
    /// </summary>
    public int MissingBaselines => _rows.Sum(r => (r.Ratios ?? []).Count(t => Ratio(r, t.Of) is null));

    public string Render(RunEnvironment environment)
    {
        var cells = _rows.Select(r => new[]
        {
            r.Scenario,
            Format.Number(r.Value),
            r.Unit,
            r.Latency is { Samples: > 0 } l ? Format.Duration(l.P50) : "",
            r.Latency is { Samples: > 0 } m ? Format.Duration(m.P99) : "",
            r.CpuPerOperation is { } cpu ? Format.Duration(cpu) : "",
            string.Join("; ", new[] { r.Target?.ToString() }.Concat((r.Ratios ?? []).Select(t => t.ToString())).OfType<string>()),
            Passed(r) switch { true => "PASS", false => "FAIL", null => "" },
            r.Notes,
        }).ToList();
        var widths = Headers.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();

        var text = new StringBuilder();
        text.AppendLine(Row(Headers, widths));
        text.AppendLine(Row(widths.Select(w => new string('-', w)).ToArray(), widths));
        foreach (var row in cells)
        {
            text.AppendLine(Row(row, widths));
        }

        text.AppendLine();
        AppendRatios(text);
        text.AppendLine(environment.Describe());
        return text.ToString();
    }

    /// <summary>
    /// PASS only when every target is met; a row without a figure (it errored) and a ratio whose baseline is missing are FAILs; null when the row has no
    /// target.
    /// </summary>
    private bool? Passed(ScenarioResult row)
    {
        if (double.IsNaN(row.Value))
        {
            return false;
        }

        var verdicts = (row.Ratios ?? [])
            .Select(t => Ratio(row, t.Of) is { } ratio && ratio >= t.Factor)
            .Cast<bool?>()
            .Append(row.Passed)
            .OfType<bool>()
            .ToList();
        return verdicts.Count == 0 ? null : verdicts.All(v => v);
    }

    private double? Ratio(ScenarioResult row, string of) =>
        _rows.FirstOrDefault(r => r.Scenario == of && !double.IsNaN(r.Value) && r.Value > 0) is { } other && !double.IsNaN(row.Value)
            ? row.Value / other.Value
            : null;

    private void AppendRatios(StringBuilder text)
    {
        // Ratios to the hello-world figure from the same run cancel out most of the shared machine's noise.
        var hello = _rows.FirstOrDefault(r => r.Scenario == HelloWorld && !double.IsNaN(r.Value));
        var lines = 0;
        foreach (var row in _rows.Where(r => r != hello && !double.IsNaN(r.Value) && (r.Unit == "req/s" || (r.Target is not null && r.Unit == "calls/s"))))
        {
            var parts = new List<string>();
            if (hello is not null)
            {
                parts.Add($"{Times(row.Value / hello.Value)} x hello-world ({Format.Number(hello.Value)} req/s)");
            }

            foreach (var target in (row.Ratios ?? []).Where(t => t.Of != HelloWorld))
            {
                parts.Add(Ratio(row, target.Of) is { } ratio
                    ? $"{Times(ratio)} x {target.Label} (target {Format.Number(target.Factor)} x)"
                    : $"no {target.Label} figure in this run (FAIL: its row is missing or errored)");
            }

            if (parts.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {row.Scenario}: {string.Join("; ", parts)}");
                lines++;
            }
        }

        if (lines > 0)
        {
            text.AppendLine();
        }
    }

    private static string Times(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Row(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";
}
