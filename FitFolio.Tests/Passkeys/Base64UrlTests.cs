using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Passkeys.Internal;

namespace FitFolio.Tests.Passkeys;

/// <summary>The strict base64url every binary JSON member goes through.</summary>
public sealed class Base64UrlTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("AA", "00")]
    [InlineData("AAE", "0001")]
    [InlineData("-_8", "fbff")]
    [InlineData("AQIDBA", "01020304")]
    public void Canonical_unpadded_base64url_decodes(string text, string hex)
    {
        Assert.Equal(Convert.FromHexString(hex), Base64Url.Decode(text, "field"));
    }

    [Theory]
    [InlineData("AA==")]
    [InlineData("AQ=")]
    [InlineData("+/8")]
    [InlineData("AA AA")]
    [InlineData("AA\n")]
    [InlineData("A")]
    [InlineData("AAAAA")]
    [InlineData("AB")]
    [InlineData("AAF")]
    [InlineData("ÄA")]
    [InlineData("AA\0")]
    public void Anything_but_canonical_unpadded_base64url_is_malformed(string text)
    {
        var failure = Assert.Throws<PasskeyVerificationException>(() => Base64Url.Decode(text, "field"));
        Assert.Equal(PasskeyFailureReason.Malformed, failure.Reason);
    }

    [Fact]
    public void Fields_over_the_size_limit_are_refused_before_decoding()
    {
        var failure = Assert.Throws<PasskeyVerificationException>(() => Base64Url.Decode(new string('A', 21_848), "field"));
        Assert.Equal(PasskeyFailureReason.InputTooLarge, failure.Reason);
        Assert.Equal(16 * 1024, Base64Url.Decode(Base64UrlText.Encode(new byte[16 * 1024]), "field").Length);
    }

    [Fact]
    public void Encoding_round_trips_every_length_and_byte()
    {
        var random = new Random(7);
        for (var length = 0; length < 200; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            var text = Base64Url.Encode(bytes);
            Assert.Equal(Base64UrlText.Encode(bytes), text);
            Assert.Equal(bytes, Base64Url.Decode(text, "field"));
        }
    }
}
