using System.Text;

namespace FitFolio.Tests.Fuzz;

/// <summary>One generated request, exactly as sent, so a failure can be replayed by hand.</summary>
internal sealed record FuzzRequest(
    string Caller,
    string Operation,
    string Method,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string? ContentType,
    string Mutation)
{
    /// <summary>A shell line that sends the same bytes (the body through base64, so NUL and invalid UTF-8 survive).</summary>
    public string ToCurl(Uri address)
    {
        var line = new StringBuilder();
        if (Body is not null)
        {
            line.Append("printf %s '").Append(Convert.ToBase64String(Body.Length > 4096 ? Body[..4096] : Body)).Append("' | base64 -d | ");
        }

        line.Append("curl -sS -i -X ").Append(Method).Append(' ').Append(Quote(new Uri(address, PathAndQuery).AbsoluteUri));
        foreach (var (name, value) in Headers)
        {
            line.Append(" -H ").Append(Quote($"{name}: {(value.Length > 256 ? value[..256] + "…" : value)}"));
        }

        if (ContentType is not null)
        {
            line.Append(" -H ").Append(Quote("Content-Type: " + ContentType));
        }

        if (Body is not null)
        {
            line.Append(" --data-binary @-");
        }

        return line.Append("   # ").Append(Caller).Append(", ").Append(Operation).Append(", ").Append(Mutation).ToString();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
