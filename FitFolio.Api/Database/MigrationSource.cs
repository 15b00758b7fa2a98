using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace FitFolio.Api.Database;

/// <summary>Reads the migrations embedded in this assembly from <c>sql/</c>.</summary>
public static partial class MigrationSource
{
    [GeneratedRegex(@"^sql/(?<number>\d{3})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();

    public static IReadOnlyList<Migration> Embedded { get; } = Load(typeof(MigrationSource).Assembly);

    public static IReadOnlyList<Migration> Load(Assembly assembly)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd().ReplaceLineEndings("\n");
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            migrations.Add(new Migration(
                int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["name"].Value, sql, checksum));
        }

        migrations.Sort((a, b) => a.Number.CompareTo(b.Number));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Number == migrations[i - 1].Number)
            {
                throw new InvalidOperationException($"Two migrations share number {migrations[i].Number:000}.");
            }
        }

        return migrations;
    }
}
