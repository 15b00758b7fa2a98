using FitFolio.Grains.Users;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FitFolio.Grains.Accounts;

/// <summary>Email → user id. Queries across users go to SQL, not through grains.</summary>
public sealed class UserDirectory(NpgsqlDataSource dataSource, IOptions<AuthOptions> options)
{
    /// <summary>
    /// The account for <paramref name="email"/>, created unverified on first use. Both paths do the same statements, so timing tells nothing.
    /// </summary>
    public async Task<Guid> FindOrCreateAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        var isAdmin = options.Value.AdminEmails.Any(a => EmailAddress.TryParse(a, out var admin) && admin == email);
        // Two first requests for one new address race: the loser's insert waits for the winner and
        // then does nothing, and its select still reads the snapshot taken before the winner
        // committed, so the statement returns no row. Run again: the next statement's snapshot sees it.
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                """
                with inserted as (
                  insert into users (id, email, is_admin) values (@id, @email, @admin)
                  on conflict (email) do nothing
                  returning id
                )
                select id from inserted
                union all
                select id from users where email = @email
                limit 1
                """);
            command.Parameters.AddWithValue("id", Guid.CreateVersion7());
            command.Parameters.AddWithValue("email", email.Value);
            command.Parameters.AddWithValue("admin", isAdmin);
            if (await command.ExecuteScalarAsync(cancellationToken) is Guid id)
            {
                return id;
            }
        }
    }
}
