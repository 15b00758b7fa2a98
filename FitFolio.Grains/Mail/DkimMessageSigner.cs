using MimeKit;
using MimeKit.Cryptography;

namespace FitFolio.Grains.Mail;

/// <summary>Adds a DKIM-Signature (RFC 6376) to each outgoing message with MimeKit's <see cref="DkimSigner"/>.</summary>
internal sealed class DkimMessageSigner
{
    // What a receiver shows or acts on. Over the wire these must arrive byte for byte (modulo relaxed
    // canonicalization), so a relay that rewrites one of them breaks the signature, which is the point.
    private static readonly string[] SignedHeaders =
        ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Auto-Submitted"];

    private readonly DkimSigner _signer;

    public DkimMessageSigner(DkimOptions options)
    {
        _signer = new DkimSigner(DkimKey.Load(options.PrivateKeyFile!), options.Domain!.Trim(), options.Selector!.Trim(), DkimSignatureAlgorithm.RsaSha256)
        {
            // Relaxed/relaxed survives relays that refold headers or trim trailing whitespace (RFC 6376 §3.4).
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
    }

    public void Sign(MimeMessage message)
    {
        // Fixed at 7 bits before signing: a relay without 8BITMIME must never need to re-encode the body
        // (which would break the body hash), so every part is already in a 7-bit transfer encoding.
        message.Prepare(EncodingConstraint.SevenBit);
        _signer.Sign(message, SignedHeaders);
    }
}
