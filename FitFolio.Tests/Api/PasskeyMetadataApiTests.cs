using System.Net;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary>
/// A host started with <c>Passkeys:Metadata</c> pointing at a real signed BLOB file: registration applies the
/// authenticator policy over HTTP, with the reason code clients and audit queries see.
/// </summary>
public sealed class PasskeyMetadataApiTests(PasskeyMetadataApiTests.MetadataApi api) : IClassFixture<PasskeyMetadataApiTests.MetadataApi>
{
    public sealed class MetadataApi(PostgresServer server) : PasskeyApi(server), IAsyncLifetime
    {
        private readonly TestMetadataBlob _blob = new();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(GenerousPasskeyLimits)
        {
            ["Passkeys:Metadata:BlobPath"] = _blob.BlobPath,
            ["Passkeys:Metadata:RootCertificatePath"] = _blob.RootPath,
        };

        public new async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            _blob.Dispose();
        }
    }

    [Fact]
    public async Task A_passkey_from_a_model_the_blob_reports_revoked_is_refused_audited_and_not_stored()
    {
        using var client = await api.SignedInClientAsync("revoked-model@example.com");
        using var authenticator = new SoftwareAuthenticator { Aaguid = TestMetadataBlob.RevokedAaguid };

        var response = await client.FinishRegistrationAsync(authenticator.Register(await client.StartRegistrationAsync(), client.Origin));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("authenticator_not_trusted", response.ErrorCode);
        Assert.Equal(0L, await api.PasskeyCountAsync("revoked-model@example.com"));
        Assert.Equal(1L, await api.CountAsync(
            """
            select count(*) from login_events where event_type = 'webauthn_register_finish_failure' and details->>'reason' = 'authenticator_not_trusted'
            and user_id = (select id from users where email = 'revoked-model@example.com')
            """));
    }

    [Fact]
    public async Task Passkeys_from_a_certified_model_and_from_one_the_blob_does_not_list_register()
    {
        using var client = await api.SignedInClientAsync("certified-model@example.com");
        using var certified = new SoftwareAuthenticator { Aaguid = TestMetadataBlob.CertifiedAaguid };
        using var unlisted = new SoftwareAuthenticator { Aaguid = Guid.NewGuid() };

        await client.RegisterAsync(certified);
        await client.RegisterAsync(unlisted);

        Assert.Equal(2L, await api.PasskeyCountAsync("certified-model@example.com"));
    }
}
