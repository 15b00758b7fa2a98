using System.Net;
using FitFolio.Tests.Api;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Production;

/// <summary>
/// Who the steady load runs as: a few signed-in people reading <c>/auth/me</c> (their user grains
/// spread over the silos) and an admin locking and unlocking accounts that exist only for it, one
/// writer per account, so every acknowledged write is a distinct audit row to read back.
/// </summary>
public sealed record LoadActors(IReadOnlyList<ApiClient> Readers, ApiClient Admin, IReadOnlyList<Guid> Targets)
{
    public const int ReaderCount = 6;
    // Two writers: a crash can cut at most one write per writer, and a write cut off may or may not
    // have run (it is never re-sent), so the writers bound the failures a SIGKILL may cause.
    public const int TargetCount = 2;

    public static async Task<LoadActors> CreateAsync(RehearsalFixture rehearsal)
    {
        var readers = new List<ApiClient>();
        for (var i = 0; i < ReaderCount; i++)
        {
            readers.Add(await rehearsal.SignedInClientAsync($"reader{i}@rehearsal.test"));
        }

        var admin = await rehearsal.SignedInClientAsync(RehearsalFixture.AdminEmail);
        // Admin routes answer only a session whose last proof was a passkey.
        await admin.ProveWithNewPasskeyAsync();
        var targets = new List<Guid>();
        for (var i = 0; i < TargetCount; i++)
        {
            var email = $"target{i}@rehearsal.test";
            // Asking for a link makes the (unverified) account; that is all an admin lock needs.
            var start = await admin.PostAsync("/api/v1/auth/magic-link/start", new { email });
            Assert.Equal(HttpStatusCode.Accepted, start.Status);
            // The account is made by the queued work behind the 202 (start answers before any per-account work).
            Guid? id = null;
            await Eventually.TrueAsync(
                async () =>
                {
                    var found = await admin.GetAsync($"/api/v1/admin/users?query={Uri.EscapeDataString(email)}");
                    Assert.Equal(HttpStatusCode.OK, found.Status);
                    var items = found.Body.GetProperty("items");
                    id = items.GetArrayLength() > 0 ? items[0].GetProperty("id").GetGuid() : null;
                    return id is not null;
                },
                TimeSpan.FromSeconds(30),
                $"the account of {email}");
            targets.Add(id!.Value);
        }

        return new LoadActors(readers, admin, targets);
    }
}
