using System.Net;
using System.Text.RegularExpressions;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// The one form of a provider's page, read as a browser reads it: where it posts, its fields (hidden ones included) and its submit
/// buttons. <see cref="Submit"/> posts it the way pressing a button does: every field, the typed values, and the pressed button's name.
/// </summary>
public sealed partial class HtmlForm
{
    private HtmlForm(Uri action, List<KeyValuePair<string, string>> fields, List<KeyValuePair<string, string>> buttons, string page)
    {
        Action = action;
        Fields = fields;
        Buttons = buttons;
        Page = page;
    }

    public Uri Action { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>The submit buttons: name and value, in page order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Buttons { get; }

    /// <summary>The whole page, for what a person reads on it.</summary>
    public string Page { get; }

    /// <summary>Reads the form of a page: the answer must be a 200 with HTML.</summary>
    public static async Task<HtmlForm> ReadAsync(HttpResponseMessage response)
    {
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {page}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var form = Assert.Single(FormElement().Matches(page));
        Assert.Equal("post", Attribute(form.Value, "method"));
        var action = new Uri(response.RequestMessage!.RequestUri!, WebUtility.HtmlDecode(Attribute(form.Value, "action")!));
        var fields = Input().Matches(form.Value).Select(i => KeyValuePair.Create(Attribute(i.Value, "name")!, Attribute(i.Value, "value") ?? ""));
        var buttons = Button().Matches(form.Value).Select(b => KeyValuePair.Create(Attribute(b.Value, "name")!, Attribute(b.Value, "value")!));
        return new HtmlForm(action, [.. fields], [.. buttons], page);
    }

    /// <summary>The request that pressing <paramref name="button"/> (by value) sends, with <paramref name="typed"/> filled in.</summary>
    public HttpRequestMessage Submit(string button, params (string Name, string Value)[] typed)
    {
        var pressed = Buttons.Single(b => b.Value == button);
        var values = Fields.Select(f => typed.Any(t => t.Name == f.Key) ? KeyValuePair.Create(f.Key, typed.First(t => t.Name == f.Key).Value) : f)
            .Append(pressed);
        return new HttpRequestMessage(HttpMethod.Post, Action) { Content = new FormUrlEncodedContent(values) };
    }

    private static string? Attribute(string element, string name) =>
        AttributeValue().Matches(element.Split('>')[0]).FirstOrDefault(m => m.Groups["name"].Value == name) is { } found
            ? WebUtility.HtmlDecode(found.Groups["value"].Value)
            : null;

    [GeneratedRegex(@"<form\b.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex(@"<input\b[^>]*>")]
    private static partial Regex Input();

    [GeneratedRegex(@"<button\b[^>]*type=""submit""[^>]*>")]
    private static partial Regex Button();

    [GeneratedRegex(@"(?<name>[a-z-]+)=""(?<value>[^""]*)""")]
    private static partial Regex AttributeValue();
}
