using FitFolio.Api.Database;
using FitFolio.Api.Operations;
using FitFolio.Grains.Accounts;
using FitFolio.Silo.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace FitFolio.Api.Hosting;

/// <summary>
/// The process's commands: serve (default), <c>migrate</c>, <c>grant-admin &lt;email&gt;</c>,
/// <c>backup</c>, <c>restore FILE [--database NAME] [--force]</c>.
/// </summary>
public static class Commands
{
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return args.FirstOrDefault() switch
            {
                "migrate" => await MigrateAsync(args[1..]),
                "grant-admin" => await GrantAdminAsync(args[1..]),
                "backup" => await BackupCommand.RunAsync(args[1..]),
                "restore" => await RestoreCommand.RunAsync(args[1..]),
                _ => await ServeAsync(args),
            };
        }
        catch (ConfigurationException exception)
        {
            await Console.Error.WriteLineAsync($"fitfolio: configuration error: {exception.Message}");
            return 2;
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync($"fitfolio: configuration error: {exception.Failures.First()}");
            return 2;
        }
        catch (AggregateException exception) when (exception.InnerExceptions is [OptionsValidationException first, ..]
            && exception.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Several sections failed at once (the host validates them all, then throws them together): still one line.
            await Console.Error.WriteLineAsync($"fitfolio: configuration error: {first.Failures.First()}");
            return 2;
        }
        catch (NpgsqlException exception)
        {
            await Console.Error.WriteLineAsync(
                "fitfolio: cannot reach PostgreSQL: " +
                    $"{exception.Message}{(exception.InnerException is null ? "" : " (" + exception.InnerException.Message + ")")}");
            return 3;
        }
        catch (Exception exception) when (RedisCause(exception) is { } redis)
        {
            // A silo cannot join without membership: it stops, and its supervisor starts it again (RUNBOOK.md, "Redis is down").
            await Console.Error.WriteLineAsync($"fitfolio: cannot reach Redis (ConnectionStrings:Redis): {redis.Message.Split('\n')[0]}");
            return 6;
        }
        catch (MigrationChecksumException exception)
        {
            await Console.Error.WriteLineAsync($"fitfolio: {exception.Message}");
            return 4;
        }
        catch (PostgresToolException exception)
        {
            await Console.Error.WriteLineAsync($"fitfolio: {exception.Message}");
            return 5;
        }
    }

    private static RedisConnectionException? RedisCause(Exception exception)
    {
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is RedisConnectionException redis)
            {
                return redis;
            }
        }

        return null;
    }

    private static async Task<int> ServeAsync(string[] args)
    {
        var app = FitFolioApp.Configure(FitFolioApp.CreateBuilder(args).Build());
        // A silo cannot join without membership: one PING now (exit 6), not a failure deep inside Orleans' start.
        await RedisConnection.EnsureReachableAsync(app.Configuration);
        await FitFolioApp.MigrateAsync(app.Services);
        await app.RunAsync();
        return 0;
    }

    private static async Task<int> MigrateAsync(string[] args)
    {
        await using var app = FitFolioApp.CreateBuilder(args).Build();
        var applied = await FitFolioApp.MigrateAsync(app.Services);
        Console.WriteLine($"fitfolio: {applied} migration(s) applied; schema at {MigrationSource.Embedded[^1].Number:000}.");
        return 0;
    }

    private static async Task<int> GrantAdminAsync(string[] args)
    {
        if (args.Length == 0 || !EmailAddress.TryParse(args[0], out var email))
        {
            await Console.Error.WriteLineAsync("usage: fitfolio grant-admin <email>");
            return 64;
        }

        await using var app = FitFolioApp.CreateBuilder(args[1..]).Build();
        await FitFolioApp.MigrateAsync(app.Services);
        await using var command = app.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("update users set is_admin = true, version = version + 1 where email = @email");
        command.Parameters.AddWithValue("email", email.Value);
        if (await command.ExecuteNonQueryAsync() == 0)
        {
            await Console.Error.WriteLineAsync($"fitfolio: no account for {email}; it is made when that address first asks for a sign-in link.");
            return 1;
        }

        Console.WriteLine($"fitfolio: {email} is now an admin (takes effect at their next sign-in or grain reload).");
        return 0;
    }
}
