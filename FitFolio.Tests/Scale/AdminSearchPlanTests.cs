using FitFolio.Grains.Admin;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Scale;

/// <summary>
/// The admin's user search must not scan every person (migration 020; bench/README.md: 376 ms per page at 200,000 people
/// before it): the first page reads the newest from an index, a query's substring is found by the trigram index.
/// </summary>
public sealed class AdminSearchPlanTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    // AdminQueries.SearchUsersAsync's filter and order, without the per-row counts.
    private const string Search =
        """
        explain select u.id from users u
        where (@query = '' or u.email like '%' || @pattern || '%' or u.id = @query_id)
        order by u.created_at desc, u.id desc limit 21
        """;

    [Theory]
    [InlineData("", "users_created_idx")]
    [InlineData("p12345@", "users_email_trgm_idx")]
    public async Task A_search_page_reads_an_index_not_every_person(string query, string index)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        // With sequential scans priced out, the plan scans the table only when no index can answer (the table is small here).
        await using (var off = new Npgsql.NpgsqlCommand("set enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var explain = new Npgsql.NpgsqlCommand(Search, connection);
        explain.Parameters.AddWithValue("query", query);
        explain.Parameters.AddWithValue("pattern", query);
        explain.Parameters.AddWithValue("query_id", NpgsqlTypes.NpgsqlDbType.Uuid, DBNull.Value);
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            plan.Add(reader.GetString(0));
        }

        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan on users", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains(index, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_wildcards_of_like_in_a_query_match_only_themselves()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var inserted = await database.CountAsync(
            $"""
            with made as (
              insert into users (id, email) values
                (gen_random_uuid(), 'a_b.{tag}@example.com'), (gen_random_uuid(), 'axb.{tag}@example.com'),
                (gen_random_uuid(), '100%.{tag}@example.com'), (gen_random_uuid(), '1000.{tag}@example.com')
              returning 1)
            select count(*) from made
            """);
        Assert.Equal(4, inserted);
        var queries = new AdminQueries(database.DataSource);

        var underscore = await queries.SearchUsersAsync($"a_b.{tag}", null, 10, TestContext.Current.CancellationToken);
        var percent = await queries.SearchUsersAsync($"100%.{tag}", null, 10, TestContext.Current.CancellationToken);

        Assert.Equal([$"a_b.{tag}@example.com"], underscore.Items.Select(u => u.Email));
        Assert.Equal([$"100%.{tag}@example.com"], percent.Items.Select(u => u.Email));
    }
}
