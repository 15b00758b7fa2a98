using FitFolio.Api.Hosting;
using Npgsql;

namespace FitFolio.Api.Operations;

/// <summary>
/// The configuration an operations command reads: the same sources, in the same order, as the
/// server (appsettings, environment, command line, /run/secrets), without the server's other
/// requirements, so a backup needs only the connection string.
/// </summary>
internal static class CommandConfiguration
{
    public static IConfiguration Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddKeyPerFile("/run/secrets", optional: true, reloadOnChange: false);
        return builder.Configuration;
    }

    public static string ConnectionString(IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new ConfigurationException("ConnectionStrings:Postgres is required.");
        }

        try
        {
            var database = new NpgsqlConnectionStringBuilder(connection).Database;
            return string.IsNullOrEmpty(database)
                ? throw new ConfigurationException("ConnectionStrings:Postgres must name its database (Database=...).")
                : connection;
        }
        catch (ArgumentException)
        {
            throw new ConfigurationException("ConnectionStrings:Postgres is not a valid Npgsql connection string.");
        }
    }

    public static BackupOptions Backup(IConfiguration configuration)
    {
        var options = new BackupOptions();
        configuration.GetSection(BackupOptions.Section).Bind(options);
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            throw new ConfigurationException("Backup:Directory must not be empty.");
        }

        if (options.KeepDaily < 0 || options.KeepWeekly < 0 || options.KeepMonthly < 0)
        {
            throw new ConfigurationException("Backup:KeepDaily, KeepWeekly and KeepMonthly cannot be negative.");
        }

        return options;
    }
}
