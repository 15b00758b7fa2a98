using Npgsql;

namespace FitFolio.Api.Hosting;

/// <summary>
/// Checks, before anything starts, the settings without which FitFolio must not run. Option
/// classes validate their own sections at start-up too; either way the process stops with one
/// line naming the key (see <see cref="ConfigurationException"/>).
/// </summary>
public static class StartupConfiguration
{
    public static void Validate(IConfiguration configuration, IHostEnvironment environment)
    {
        var connection = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new ConfigurationException(
                "ConnectionStrings:Postgres is required: an Npgsql connection string, e.g. Host=db;Database=fitfolio;Username=fitfolio;Password=...");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connection);
        }
        catch (ArgumentException)
        {
            throw new ConfigurationException("ConnectionStrings:Postgres is not a valid Npgsql connection string.");
        }

        var origin = configuration["App:PublicOrigin"];
        if (string.IsNullOrWhiteSpace(origin))
        {
            if (!environment.IsDevelopment())
            {
                throw new ConfigurationException("App:PublicOrigin is required: the origin people use, e.g. https://fitfolio.example.");
            }

            configuration["App:PublicOrigin"] = "http://localhost:8080";
        }
        else if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
            || uri.PathAndQuery != "/"
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new ConfigurationException("App:PublicOrigin must be an origin such as https://fitfolio.example (scheme and host, no path).");
        }
        else if (uri.Scheme == "http" && !uri.IsLoopback && !environment.IsDevelopment())
        {
            throw new ConfigurationException("App:PublicOrigin must be https outside local development: session cookies are Secure.");
        }
    }
}
