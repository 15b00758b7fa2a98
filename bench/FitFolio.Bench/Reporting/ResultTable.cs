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
            r.Target?.ToString() ?? "",
            r.Passed switch { true => "PASS", false => "FAIL", null => "" },
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

    private void AppendRatios(StringBuilder text)
    {
        // Ratios to the hello-world figure from the same run cancel out most of the shared machine's noise.
        var hello = _rows.FirstOrDefault(r => r.Scenario == HelloWorld && !double.IsNaN(r.Value));
        if (hello is null)
        {
            return;
        }

        foreach (var row in _rows.Where(r => r.Target is not null && r.Unit == "calls/s" && !double.IsNaN(r.Value)))
        {
            var ratio = (row.Value / hello.Value).ToString("0.00", CultureInfo.InvariantCulture);
            text.AppendLine(CultureInfo.InvariantCulture, $"- {row.Scenario}: {ratio} x hello-world ({Format.Number(hello.Value)} req/s)");
        }

        text.AppendLine();
    }

    private static string Row(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";
}
