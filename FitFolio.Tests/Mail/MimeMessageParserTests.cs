using System.Text;
using FitFolio.MailCatcher.Mime;

namespace FitFolio.Tests.Mail;

public sealed class MimeMessageParserTests
{
    [Fact]
    public void Encoded_words_are_decoded_and_joined_across_folds()
    {
        var parsed = Parse(
            "Subject: =?utf-8?Q?Gr=C3=BC=C3=9Fe_aus_der?=\r\n =?UTF-8?q?_Halle?= und =?iso-8859-1?Q?M=FCnchen?=\r\n" +
            "X-Split: =?utf-8?B?w5w=?= =?utf-8?B?bg==?=\r\n" +
            "X-Broken-Char: =?utf-8?B?4oA=?==?utf-8?B?kw==?=\r\n" +
            "X-Invalid: =?utf-8?B?***?= stays\r\n\r\nbody");

        Assert.Equal("Grüße aus der Halle und München", Header(parsed, "Subject"));
        Assert.Equal("Ün", Header(parsed, "X-Split"));
        Assert.Equal("–", Header(parsed, "X-Broken-Char"));
        Assert.Equal("=?utf-8?B?***?= stays", Header(parsed, "X-Invalid"));
    }

    [Fact]
    public void Nested_multiparts_yield_the_first_text_and_html_and_skip_attachments()
    {
        var parsed = Parse(
            """
            Content-Type: multipart/mixed; boundary="outer; with quotes"

            preamble, ignored
            --outer; with quotes
            Content-Type: text/plain; name=notes.txt
            Content-Disposition: attachment; filename=notes.txt

            not the body
            --outer; with quotes
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            Gr=FC=DFe, a soft=
             break and =3d an equals sign=20
            --inner
            Content-Type: text/html; charset="utf-8"
            Content-Transfer-Encoding: base64

            PHA+R3LDvMOfZTwv
            cD4=
            --inner--
            --outer; with quotes--
            epilogue, ignored
            """.ReplaceLineEndings("\r\n"));

        Assert.Equal("Grüße, a soft break and = an equals sign ", parsed.TextBody);
        Assert.Equal("<p>Grüße</p>", parsed.HtmlBody);
    }

    [Fact]
    public void Lf_only_messages_and_lowercase_hex_are_read()
    {
        var parsed = Parse("Subject: plain\nContent-Transfer-Encoding: quoted-printable\n\ncaf=c3=a9 =\nnoir\n");

        Assert.Equal("plain", Header(parsed, "Subject"));
        Assert.Equal("café noir\n", parsed.TextBody);
    }

    [Fact]
    public void Malformed_structure_yields_what_can_be_read()
    {
        var parsed = Parse("Content-Type: multipart/alternative; boundary=b\r\nBad header line\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nunterminated part");

        Assert.Equal("unterminated part", parsed.TextBody);
        Assert.Null(parsed.HtmlBody);
    }

    [Fact]
    public void Random_and_mangled_input_never_throws()
    {
        var random = new Random(20261123);
        var seed = Encoding.ASCII.GetBytes(
            "Subject: =?utf-8?B?w5w=?=\r\nContent-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\n" +
            "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nw5w=\r\n--x\r\nContent-Type: text/html\r\n" +
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n=C3=9C=\r\n--x--\r\n");
        for (var i = 0; i < 2000; i++)
        {
            var input = i % 2 == 0 ? new byte[random.Next(0, 400)] : (byte[])seed.Clone();
            if (i % 2 == 0)
            {
                random.NextBytes(input);
            }
            else
            {
                for (var flips = random.Next(1, 8); flips > 0; flips--)
                {
                    input[random.Next(input.Length)] = (byte)random.Next(256);
                }
            }

            var parsed = MimeMessageParser.Parse(input);
            Assert.NotNull(parsed.Headers);
        }
    }

    private static ParsedMessage Parse(string message) => MimeMessageParser.Parse(Encoding.UTF8.GetBytes(message));

    private static string? Header(ParsedMessage parsed, string name) =>
        parsed.Headers.FirstOrDefault(header => header.Name == name)?.Value;
}
