using System.Globalization;
using System.Text.RegularExpressions;

namespace FitFolio.Api.Operations;

/// <summary>
/// A backup on disk, named <c>{database}-{yyyyMMdd}T{HHmmss}Z.dump</c> (UTC, so names sort by
/// time and read the same in every time zone). Files not named this way are never touched.
/// </summary>
public sealed partial record BackupFile(string Path, string Database, DateTime TakenAt)
{
    public const string Extension = ".dump";

    private const string TimestampFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static string NameFor(string database, DateTimeOffset takenAt) =>
        $"{database}-{takenAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture)}{Extension}";

    /// <summary>The backups of <paramref name="database"/> in <paramref name="directory"/>, oldest first.</summary>
    public static IReadOnlyList<BackupFile> List(string directory, string database)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var backups = new List<BackupFile>();
        foreach (var path in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            var match = Name().Match(System.IO.Path.GetFileName(path));
            if (match.Success
                && match.Groups["database"].Value == database
                && DateTime.TryParseExact(
                    match.Groups["time"].Value,
                    TimestampFormat,
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
                    out var takenAt))
            {
                backups.Add(new BackupFile(path, database, DateTime.SpecifyKind(takenAt, DateTimeKind.Utc)));
            }
        }

        return [.. backups.OrderBy(b => b.TakenAt)];
    }

    [GeneratedRegex(@"^(?<database>.+)-(?<time>\d{8}T\d{6}Z)\.dump$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();
}
