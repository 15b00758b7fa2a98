using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace FitFolio.Api.Operations;

/// <summary>
/// Hands an Npgsql connection string to libpq tools (pg_dump, pg_restore) through their
/// environment variables (https://www.postgresql.org/docs/current/libpq-envars.html). The password
/// goes in <c>PGPASSWORD</c>, never in an argument: arguments are visible to every user in
/// <c>ps</c>, a process's environment only to its owner.
/// </summary>
public static class LibpqEnvironment
{
    public static void Apply(ProcessStartInfo start, string connectionString, string database)
    {
        var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
        // Inherited PG* variables could point the tool at another server or database.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        var environment = start.Environment;
        environment["PGHOST"] = npgsql.Host;
        environment["PGPORT"] = npgsql.Port.ToString(CultureInfo.InvariantCulture);
        environment["PGDATABASE"] = database;
        environment["PGAPPNAME"] = "fitfolio-" + System.IO.Path.GetFileNameWithoutExtension(start.FileName);
        environment["PGCONNECT_TIMEOUT"] = Math.Max(2, npgsql.Timeout).ToString(CultureInfo.InvariantCulture);
        environment["PGSSLMODE"] = npgsql.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        Set(environment, "PGUSER", npgsql.Username);
        Set(environment, "PGPASSWORD", npgsql.Password);
        Set(environment, "PGPASSFILE", npgsql.Passfile);
        Set(environment, "PGSSLROOTCERT", npgsql.RootCertificate);
        Set(environment, "PGSSLCERT", npgsql.SslCertificate);
        Set(environment, "PGSSLKEY", npgsql.SslKey);
    }

    private static void Set(IDictionary<string, string?> environment, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            environment[name] = value;
        }
    }
}
