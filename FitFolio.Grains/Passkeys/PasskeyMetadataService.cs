using System.Collections.Frozen;
using Fido2NetLib;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// A verified MDS3 BLOB as Fido2 asks for it: entries by AAGUID. Fido2 4.3.3 looks entries up by AAGUID only (it
/// declares, but never calls, a lookup by attestation certificate key identifier), so entries without an AAGUID
/// (FIDO U2F keys, UAF authenticators) are left out: they could never match.
/// </summary>
public sealed class PasskeyMetadataService : IMetadataService
{
    private readonly FrozenDictionary<Guid, MetadataBLOBPayloadEntry> _entries;

    internal PasskeyMetadataService(MetadataBLOBPayload blob, FrozenDictionary<Guid, MetadataBLOBPayloadEntry> entries)
    {
        Number = blob.Number;
        NextUpdate = blob.NextUpdate;
        _entries = entries;
    }

    /// <summary>The BLOB's serial number (<c>no</c>): it only grows, so a replaced file can be told from the old one.</summary>
    public int Number { get; }

    /// <summary>The BLOB's <c>nextUpdate</c> date, by which the FIDO Alliance publishes a new one.</summary>
    public string NextUpdate { get; }

    /// <summary>How many authenticator models (AAGUIDs) the BLOB describes.</summary>
    public int Count => _entries.Count;

    public Task<MetadataBLOBPayloadEntry?> GetEntryAsync(Guid aaguid, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.GetValueOrDefault(aaguid));

    /// <summary>
    /// Always false: true switches Fido2 to the FIDO conformance tool's rules, which among other things skip the
    /// user-presence check on sign-in.
    /// </summary>
    public bool ConformanceTesting() => false;
}
