using System.Net;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Common;

/// <summary>
/// Binds a request's client address to an <c>inet</c> column. The address is what the request
/// carried: one that does not parse is stored as null, so a strange header never fails the write it rides on.
/// </summary>
internal static class InetParameter
{
    public static void AddInet(this NpgsqlParameterCollection parameters, string name, string? ip) =>
        parameters.AddWithValue(name, NpgsqlDbType.Inet, IPAddress.TryParse(ip, out var address) ? address : DBNull.Value);
}
