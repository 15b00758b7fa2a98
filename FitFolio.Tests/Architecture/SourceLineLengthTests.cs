using System.Text.RegularExpressions;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Architecture;

/// <summary>
/// No source line is longer than <c>.editorconfig</c>'s <c>max_line_length</c>, so code reads without
/// scrolling in a review. One exception: text inside a string — a line that is one string literal (a message,
/// a URL) or a line of a raw string literal (SQL, HTML) — because splitting it would only make it harder
/// to find with a search.
/// </summary>
public sealed partial class SourceLineLengthTests
{
    private static readonly string[] Extensions = [".cs", ".ts", ".tsx", ".mjs", ".js", ".css", ".sql", ".sh"];

    private static readonly string[] SkippedDirectories = ["bin", "obj", "node_modules", "dist", "artifacts", ".git", ".data"];

    [Fact]
    public void No_source_line_is_longer_than_the_editorconfig_limit()
    {
        var root = PostgresServer.RepositoryRoot;
        var limit = MaxLineLength(root);
        var offenders = SourceFiles(root)
            .SelectMany(path => LinesOutsideRawStrings(path).Select(l => (path, l.Line, l.Number)))
            .Where(l => l.Line.Length > limit && !LoneLiteral().IsMatch(l.Line))
            .Select(l => $"{Path.GetRelativePath(root, l.path)}:{l.Number} ({l.Line.Length} characters)")
            .ToList();

        Assert.True(offenders.Count == 0, $"Lines over {limit} characters:\n{string.Join('\n', offenders)}");
    }

    [Fact]
    public void The_limit_is_read_from_editorconfig() => Assert.Equal(160, MaxLineLength(PostgresServer.RepositoryRoot));

    /// <summary>Every line of a file, less those inside a C# raw string literal (between two <c>"""</c> lines).</summary>
    private static IEnumerable<(string Line, int Number)> LinesOutsideRawStrings(string path)
    {
        var inRawString = false;
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var quotes = path.EndsWith(".cs", StringComparison.Ordinal) ? CountRawQuotes(line) : 0;
            if (!inRawString)
            {
                yield return (line, number);
            }

            inRawString ^= quotes % 2 == 1;
        }
    }

    private static int CountRawQuotes(string line)
    {
        var count = 0;
        for (var at = line.IndexOf("\"\"\"", StringComparison.Ordinal); at >= 0; at = line.IndexOf("\"\"\"", at + 3, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static int MaxLineLength(string root)
    {
        var setting = File.ReadLines(Path.Combine(root, ".editorconfig"))
            .Select(line => MaxLineLengthSetting().Match(line))
            .First(match => match.Success);
        return int.Parse(setting.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    // The skipped directories are never entered: the test command installs and builds the app (node_modules, dist)
    // beside the .NET tests, and a folder that vanishes mid-walk would throw.
    private static IEnumerable<string> SourceFiles(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(path => Extensions.Contains(Path.GetExtension(path), StringComparer.Ordinal))
            .Concat(Directory.EnumerateDirectories(directory)
                .Where(child => !SkippedDirectories.Contains(Path.GetFileName(child)))
                .SelectMany(SourceFiles));


    [GeneratedRegex(@"^max_line_length\s*=\s*(\d+)\s*$")]
    private static partial Regex MaxLineLengthSetting();

    // Indentation, an optional "Name = " (an attribute argument), an optional interpolation or verbatim prefix, one
    // quoted literal, then at most closing punctuation or a concatenation.
    [GeneratedRegex("""^\s*(\w+ = )?(\$?@?|@\$)"(?:[^"\\]|\\.|"")*"[\s),;\]+]*$""")]
    private static partial Regex LoneLiteral();
}
