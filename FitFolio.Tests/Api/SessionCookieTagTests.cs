using FitFolio.Api.Auth;
using Microsoft.Extensions.Options;

namespace FitFolio.Tests.Api;

/// <summary>
/// The cookie's tag is checked with one keyed HMAC per thread and key, reset after each tag (<see cref="SessionCookie"/>), so a
/// state left behind by one read must never change the next: reads on many threads at once, under the current key and a previous
/// one, forged tags among them, each give exactly the answer a read alone gives.
/// </summary>
public sealed class SessionCookieTagTests
{
    private const string CurrentKey = "tag-test-current-key-0123456789-abcdefghijklmn";
    private const string PreviousKey = "tag-test-previous-key-0123456789-abcdefghijklm";

    [Fact]
    public void Tags_read_on_many_threads_under_two_keys_verify_as_they_would_alone()
    {
        var reader = new SessionCookie(Options.Create(new SessionCookieOptions { Key = CurrentKey, PreviousKeys = { PreviousKey } }));
        var current = new SessionCookie(Options.Create(new SessionCookieOptions { Key = CurrentKey }));
        var previous = new SessionCookie(Options.Create(new SessionCookieOptions { Key = PreviousKey }));
        var cookies = Enumerable.Range(0, 300).Select(i =>
        {
            var issuer = i % 2 == 0 ? current : previous;
            var (value, hash) = issuer.Issue(Guid.NewGuid());
            // One in three is forged: the last tag character changed, as a guess would.
            var forged = i % 3 == 0;
            return (Value: forged ? value[..^1] + (value[^1] == 'A' ? 'B' : 'A') : value, Hash: forged ? null : hash);
        }).ToArray();

        var wrong = 0;
        Parallel.For(0, 30_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (value, hash) = cookies[i % cookies.Length];
            var read = reader.TryRead(value, out _, out var readHash);
            if (read != hash is not null || (read && readHash != hash))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
    }
}
