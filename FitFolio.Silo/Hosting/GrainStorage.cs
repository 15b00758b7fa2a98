using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace FitFolio.Silo.Hosting;

/// <summary>
/// Orleans grain storage in FitFolio's own PostgreSQL database (<c>ConnectionStrings:Postgres</c>,
/// the connection string the rest of the app uses), through Microsoft.Orleans.Persistence.AdoNet.
/// The table and the provider's queries are our migration <c>sql/014_grain_storage.sql</c>; the
/// provider reads the queries once, as the silo starts, so migrations must have run by then.
/// </summary>
public static class GrainStorage
{
    /// <summary>The provider's name, for <c>[PersistentState(stateName, GrainStorage.Name)]</c>.</summary>
    public const string Name = "postgres";

    // ADO.NET's provider name for Npgsql: the provider loads Npgsql.NpgsqlFactory by it.
    private const string Invariant = "Npgsql";

    public static ISiloBuilder AddFitFolioGrainStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new OptionsValidationException(
                Name, typeof(AdoNetGrainStorageOptions), ["ConnectionStrings:Postgres is required: grain storage lives in FitFolio's database."]);
        }

        silo.AddAdoNetGrainStorage(Name, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
            // A cleared state's row goes (a rate-limit window keyed by an address must not outlive its use).
            options.DeleteStateOnClear = true;
        });
        // Plain JSON a person can read in the table, rather than the default Newtonsoft documents with
        // .NET type names in them (a type rename would strand stored state).
        silo.UseSystemTextJsonGrainStorageSerializer();
        return silo;
    }
}
