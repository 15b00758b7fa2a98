using FitFolio.Silo;

namespace FitFolio.Tests.Runtime;

public static class SiloFailure
{
    /// <summary>
    /// Calls a read-only grain method until it answers. A call already written to a connection of a
    /// silo that then dies fails with <see cref="GrainCallException"/> ("may or may not have run"):
    /// calls are at most once, as in Orleans, so only an idempotent call may be repeated, which is
    /// what a careful client does. The caller times how long the grain took to come back.
    /// </summary>
    public static async Task<T> AnswerAfterFailoverAsync<T>(Func<Task<T>> readOnlyCall)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return await readOnlyCall();
            }
            catch (GrainCallException) when (DateTime.UtcNow < deadline)
            {
                TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
