using System.Buffers.Text;
using System.Net;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary><c>GET auth/webauthn/signals</c>: what the app hands the browser's WebAuthn Signal API.</summary>
public sealed class PasskeySignalsTests(PasskeyApi api) : IClassFixture<PasskeyApi>
{
    private const string Signals = PasskeySteps.Base + "/signals";

    [Fact]
    public async Task The_signals_name_exactly_the_accounts_own_passkeys_before_and_after_a_deletion()
    {
        const string email = "signals@example.com";
        using var client = await api.SignedInClientAsync(email);
        var none = await client.GetAsync(Signals);
        using var first = new SoftwareAuthenticator();
        using var second = new SoftwareAuthenticator();
        var firstId = (await client.RegisterAsync(first)).GetProperty("id").GetString();
        await client.RegisterAsync(second);
        using var other = await api.SignedInClientAsync("signals-other@example.com");
        using var theirs = new SoftwareAuthenticator();
        await other.RegisterAsync(theirs);

        var two = await client.GetAsync(Signals);
        var bothIds = await CredentialIdsAsync(email, 2);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(PasskeySteps.Base + "/credentials/" + firstId)).Status);
        var one = await client.GetAsync(Signals);

        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Null(none.Body.GetProperty("userId").GetString());
        Assert.Equal(0, none.Body.GetProperty("credentialIds").GetArrayLength());
        var handle = Base64Url.EncodeToString(await api.ScalarAsync<byte[]>("select webauthn_user_handle from users where email = @email", ("email", email)));
        Assert.Equal(new Uri(client.Origin).Host, two.Body.GetProperty("rpId").GetString());
        Assert.Equal(handle, two.Body.GetProperty("userId").GetString());
        Assert.Equal(email, two.Body.GetProperty("name").GetString());
        Assert.Equal(email, two.Body.GetProperty("displayName").GetString());
        Assert.Equal(bothIds, Ids(two));
        Assert.Equal(await CredentialIdsAsync(email, 1), Ids(one));
        Assert.Equal(handle, one.Body.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task The_signals_need_a_session()
    {
        using var anonymous = await api.SignedOutClientAsync();

        var refused = await anonymous.GetAsync(Signals);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.NotNull(refused.ErrorCode);
    }

    private static string[] Ids(ApiResponse response) =>
        [.. response.Body.GetProperty("credentialIds").EnumerateArray().Select(id => id.GetString()!).Order(StringComparer.Ordinal)];

    private async Task<string[]> CredentialIdsAsync(string email, int expected)
    {
        await using var command = api.Database.DataSource.CreateCommand(
            "select credential_id from passkeys where user_id = (select id from users where email = @email)");
        command.Parameters.AddWithValue("email", email);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            ids.Add(Base64Url.EncodeToString(reader.GetFieldValue<byte[]>(0)));
        }

        Assert.Equal(expected, ids.Count);
        return [.. ids.Order(StringComparer.Ordinal)];
    }
}
