using FitFolio.Grains.Mail;

namespace FitFolio.Tests.Mail;

public sealed class SignInMailTemplateTests
{
    private static readonly Uri Link = new("https://fitfolio.test/sign-in?token=abc&next=%2F");

    [Fact]
    public void The_mail_carries_the_link_the_code_and_the_lifetime_in_both_parts()
    {
        var content = SignInMailTemplate.Render(Link, "04711234", 10);

        Assert.Equal("Your FitFolio sign-in link", content.Subject);
        foreach (var body in new[] { content.TextBody, content.HtmlBody })
        {
            Assert.Contains("04711234", body, StringComparison.Ordinal);
            Assert.Contains("expires in 10 minutes", body, StringComparison.Ordinal);
            Assert.Contains("If you did not ask to sign in, ignore this email", body, StringComparison.Ordinal);
        }

        Assert.Contains("https://fitfolio.test/sign-in?token=abc&next=%2F", content.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://fitfolio.test/sign-in?token=abc&amp;next=%2F\"", content.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("font-size:32px", content.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_value_in_the_html_is_encoded()
    {
        var hostile = new Uri("https://fitfolio.test/s?t=a'b\"c<script>alert(1)</script>&x=1");

        var html = SignInMailTemplate.Render(hostile, "12345678", 10).HtmlBody;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("a'b", html, StringComparison.Ordinal);
        Assert.Contains("&amp;x=1", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_minute_lifetime_reads_as_one_minute()
    {
        Assert.Contains("expires in 1 minute,", SignInMailTemplate.Render(Link, "12345678", 1).TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("123456789")]
    [InlineData("1234567a")]
    [InlineData("１２３４５６７８")]
    public void A_code_that_is_not_eight_ascii_digits_is_refused(string code)
    {
        Assert.Throws<ArgumentException>(() => SignInMailTemplate.Render(Link, code, 10));
    }

    [Fact]
    public void Only_absolute_http_links_are_accepted()
    {
        Assert.Throws<ArgumentException>(() => SignInMailTemplate.Render(new Uri("javascript:alert(1)"), "12345678", 10));
        Assert.Throws<ArgumentException>(() => SignInMailTemplate.Render(new Uri("/sign-in", UriKind.Relative), "12345678", 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => SignInMailTemplate.Render(Link, "12345678", 0));
    }

    [Fact]
    public void The_mail_is_tagged_sign_in_and_stops_being_worth_sending_when_the_link_expires()
    {
        var mail = SignInMailTemplate.Create("ada@example.test", Link, "12345678", 10);

        Assert.Equal("sign-in", mail.Purpose);
        Assert.Equal(TimeSpan.FromMinutes(10), mail.ValidFor);
    }

    [Fact]
    public void Printing_the_mail_reveals_neither_the_bodies_nor_the_recipient()
    {
        var printed = SignInMailTemplate.Create("ada@example.test", Link, "12345678", 10).ToString();

        Assert.DoesNotContain("12345678", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("token=abc", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@", printed, StringComparison.Ordinal);
        Assert.Contains("Your FitFolio sign-in link", printed, StringComparison.Ordinal);
    }
}
