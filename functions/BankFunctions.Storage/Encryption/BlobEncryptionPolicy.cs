using Azure.Core;

namespace BankFunctions.Storage.Encryption;

/// <summary>
/// The one seam where blobs are encrypted: a policy in the Blob client's pipeline that seals the body of every
/// single-shot upload (Put Blob) into the containers of <see cref="SensitiveColumns.Containers"/> and opens every
/// sealed blob a download returns. The envelope is bound to (tenant, container, blob name); blob names start with the
/// tenant id. Blobs written before encryption have no <see cref="Envelope.BlobMagic"/> and are returned as they are.
/// Staged (block-list) uploads are refused for these containers: a sealed blob must be one envelope.
/// </summary>
public sealed class BlobEncryptionPolicy(TenantKeyRing ring, bool sealWrites) : EncryptionPolicy
{
    private protected override async ValueTask SealRequestAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        var request = message.Request;
        if (!sealWrites || request.Method != RequestMethod.Put || request.Content is null || Place(request.Uri.ToUri()) is not { } place)
        {
            return;
        }
        if (request.Uri.Query.Contains("comp=block", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Blob '{place.Container}/{place.Name}' is encrypted and must be uploaded in one request, not in blocks.");
        }
        if (request.Uri.Query.Contains("comp=", StringComparison.Ordinal))
        {
            return; // metadata, properties, leases: no body to seal
        }
        using var buffer = new MemoryStream();
        await request.Content.WriteToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var keys = await ring.ForWriteAsync(place.Tenant, cancellationToken).ConfigureAwait(false);
        var sealedBody = Envelope.Seal(keys.Current, keys.CurrentKey, buffer.GetBuffer().AsSpan(0, (int)buffer.Length),
            Envelope.AssociatedData(place.Tenant, place.Container, place.Name, "", ""), Envelope.BlobMagic.Length);
        Envelope.BlobMagic.CopyTo(sealedBody);
        request.Content = RequestContent.Create(sealedBody);
        if (request.Headers.Contains("Content-Length"))
        {
            request.Headers.SetValue("Content-Length", sealedBody.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        // A transactional hash of the clear body would no longer match what is sent.
        request.Headers.Remove("Content-MD5");
        request.Headers.Remove("x-ms-content-crc64");
    }

    private protected override async ValueTask OpenResponseAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        var request = message.Request;
        if (request.Method != RequestMethod.Get || !message.HasResponse || message.Response.Status is not (200 or 206)
            || request.Uri.Query.Contains("comp=", StringComparison.Ordinal) || Place(request.Uri.ToUri()) is not { } place
            || message.Response.ContentStream is not { } stream)
        {
            return;
        }
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var content = buffer.ToArray();
        if (!Envelope.IsSealedBlob(content))
        {
            message.Response.ContentStream = new MemoryStream(content);
            return;
        }
        var envelope = content.AsSpan(Envelope.BlobMagic.Length);
        var key = await ring.ForReadAsync(place.Tenant, Envelope.KeyVersion(envelope), cancellationToken).ConfigureAwait(false);
        message.Response.ContentStream = new MemoryStream(Envelope.Open(key, content.AsSpan(Envelope.BlobMagic.Length),
            Envelope.AssociatedData(place.Tenant, place.Container, place.Name, "", "")));
    }

    /// <summary>(tenant, container, blob name) of a blob URL in an encrypted container (path or Azurite's account-in-path style).</summary>
    private static (string Tenant, string Container, string Name)? Place(Uri uri)
    {
        var segments = uri.AbsolutePath.TrimStart('/').Split('/');
        for (var i = 0; i < Math.Min(2, segments.Length - 2); i++)
        {
            var container = segments[i];
            if (SensitiveColumns.Containers.Contains(container))
            {
                var name = Uri.UnescapeDataString(string.Join('/', segments[(i + 1)..]));
                return (name[..Math.Max(0, name.IndexOf('/', StringComparison.Ordinal))] is { Length: > 0 } tenant ? tenant : name, container, name);
            }
        }
        return null;
    }
}
