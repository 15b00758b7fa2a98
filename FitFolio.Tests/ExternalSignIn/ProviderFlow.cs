using System.Net;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>What a browser does in a provider sign-in: start at FitFolio, follow the redirect to the provider, come back to the callback.</summary>
public static class ProviderFlow
{
    /// <summary>Starts a flow and returns the callback (path and query) the provider sent the browser back to.</summary>
    public static async Task<string> ToCallbackAsync(ApiClient browser, string provider = "oidc")
    {
        var start = await browser.GetAsync($"/api/v1/auth/external/{provider}/start");
        Assert.Equal(HttpStatusCode.Redirect, start.Status);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        using var authorize = await http.GetAsync(new Uri(start.Headers["Location"]), TestContext.Current.CancellationToken);
        Assert.True(
            authorize.StatusCode == HttpStatusCode.Redirect,
            $"{(int)authorize.StatusCode}: {await authorize.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        var back = authorize.Headers.Location!;
        Assert.StartsWith(ExternalSignInFixture.CallbackBase + provider + "/callback?", back.ToString(), StringComparison.Ordinal);
        return back.PathAndQuery;
    }

    /// <summary>Runs a whole flow; the answer is the callback's redirect (into the app, or to the sign-in page with the error).</summary>
    public static async Task<ApiResponse> RunAsync(ApiClient browser, string provider = "oidc") =>
        await browser.GetAsync(await ToCallbackAsync(browser, provider));

    public static string? ErrorOf(ApiResponse callback)
    {
        Assert.Equal(HttpStatusCode.Redirect, callback.Status);
        var location = callback.Headers["Location"];
        const string marker = "/signin?external_error=";
        return location.StartsWith(marker, StringComparison.Ordinal) ? location[marker.Length..] : null;
    }
}
