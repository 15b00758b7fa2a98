using System.Diagnostics;
using FitFolio.Api.Operations;

namespace FitFolio.Tests.Operations;

public sealed class BackupFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fitfolio-backup-names-").FullName;

    [Fact]
    public void A_backup_is_named_for_its_database_and_UTC_time_and_read_back_from_that_name()
    {
        var name = BackupFile.NameFor("fitfolio", new DateTimeOffset(2026, 11, 22, 4, 5, 6, TimeSpan.FromHours(2)));
        File.WriteAllText(Path.Combine(_directory, name), "");

        Assert.Equal("fitfolio-20261122T020506Z.dump", name);
        var backup = Assert.Single(BackupFile.List(_directory, "fitfolio"));
        Assert.Equal(new DateTime(2026, 11, 22, 2, 5, 6, DateTimeKind.Utc), backup.TakenAt);
        Assert.Equal(DateTimeKind.Utc, backup.TakenAt.Kind);
    }

    [Fact]
    public void Other_databases_partial_files_and_foreign_files_are_not_backups()
    {
        foreach (var name in new[]
        {
            "fitfolio-20261122T020506Z.dump",
            "fitfolio-20261122T020506Z.dump.partial",
            "fitfolio_restore-20261122T020506Z.dump",
            "notes.dump",
            "fitfolio-2026-11-22.dump",
            "fitfolio-20261399T020506Z.dump"
        })
        {
            File.WriteAllText(Path.Combine(_directory, name), "");
        }

        Assert.Equal(["fitfolio-20261122T020506Z.dump"], BackupFile.List(_directory, "fitfolio").Select(b => Path.GetFileName(b.Path)));
        Assert.Empty(BackupFile.List(Path.Combine(_directory, "missing"), "fitfolio"));
    }

    [Fact]
    public void The_password_reaches_libpq_tools_through_the_environment_never_the_arguments()
    {
        var start = new ProcessStartInfo("/usr/bin/pg_dump") { ArgumentList = { "--format=custom" } };
        start.Environment["PGDATABASE"] = "somewhere_else";
        start.Environment["PGSERVICE"] = "stray";

        LibpqEnvironment.Apply(start, "Host=db.internal;Port=6543;Username=fitfolio;Password=s3cret-pa55;Database=fitfolio;SSL Mode=VerifyFull", "fitfolio");

        Assert.DoesNotContain(start.ArgumentList, a => a.Contains("s3cret", StringComparison.Ordinal));
        Assert.Equal("s3cret-pa55", start.Environment["PGPASSWORD"]);
        Assert.Equal("db.internal", start.Environment["PGHOST"]);
        Assert.Equal("6543", start.Environment["PGPORT"]);
        Assert.Equal("fitfolio", start.Environment["PGUSER"]);
        Assert.Equal("fitfolio", start.Environment["PGDATABASE"]);
        Assert.Equal("verify-full", start.Environment["PGSSLMODE"]);
        Assert.False(start.Environment.ContainsKey("PGSERVICE"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
