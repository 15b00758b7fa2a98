using FitFolio.Grains.Common;

namespace FitFolio.Tests.Api;

/// <summary>Server-made request ids: version-7 UUIDs as 32 hex digits, in the one accepted format, ordered by time, never repeated.</summary>
public sealed class RequestIdFormatTests
{
    [Fact]
    public void A_new_id_is_a_version_7_uuid_of_now_in_the_accepted_format()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = RequestIds.New();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.True(RequestIds.IsWellFormed(id));
        Assert.Equal('7', id[12]);
        Assert.Contains(id[16], "89ab");
        var millis = Convert.ToInt64(id[..12], 16);
        Assert.InRange(millis, before, after);
    }

    [Fact]
    public void Ids_made_on_many_threads_at_once_never_repeat()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 200_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => ids.Add(RequestIds.New()));

        Assert.Equal(200_000, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
