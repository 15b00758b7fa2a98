using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace FitFolio.Api.ExternalSignIn;

/// <summary>
/// Data Protection's key ring in PostgreSQL (<c>data_protection_keys</c>), so every front door reads the keys the others made: a sign-in
/// flow started on one replica is protected by a key the replica taking its callback knows. Data Protection makes, rotates (every
/// 90 days by default) and retires the keys itself; this only stores them.
/// </summary>
internal sealed class PostgresKeyRing(NpgsqlDataSource dataSource) : IXmlRepository
{
    // Called by Data Protection synchronously, rarely (at start and when the ring is refreshed, every 24 hours by default).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("select xml from data_protection_keys order by created_at");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = dataSource.CreateCommand("insert into data_protection_keys (name, xml) values (@name, @xml) on conflict (name) do nothing");
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
