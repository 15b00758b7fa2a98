namespace FitFolio.Tests.Runtime;

public static class SiloFailure
{
    /// <summary>
    /// Calls a read-only grain method until it answers. A call sent to a silo that then died fails
    /// (<see cref="SiloUnavailableException"/>, a rejection, or a timeout: it may or may not have
    /// run), since grain calls are at most once; only an idempotent call may be repeated, which is
    /// what a careful caller does. The caller times how long the grain took to come back.
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
            catch (Exception exception) when (exception is OrleansMessageRejectionException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }
    }
}
