using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BankFunctions.Banks.Resilience;
using BankFunctions.Banks.Signing.Sm2;
using Org.BouncyCastle.Crypto.Parameters;

namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>The decrypted, verified answer to one CMB call.</summary>
/// <param name="Signature">The bank's verified response signature (<c>signature.sigdat</c>) on a decrypted reply.</param>
internal sealed record CmbReply(BankCallOutcome Outcome, JsonNode? Body, string? ResultCode, string? ResultMessage, int? HttpStatus = null, TimeSpan? RetryAfter = null,
    string? Signature = null)
{
    public BankResult<T> Failure<T>() => BankResult.Failure<T>(Outcome, ResultCode, ResultMessage, HttpStatus, RetryAfter);
}

/// <summary>One CMB round trip: envelope → SM2 sign → SM4 seal → form POST → open → verify the bank's signature → resultcode.</summary>
internal sealed class CmbCall
{
    private readonly BankHttpChannel _channel;
    private readonly CmbCloudOptions _options;
    private readonly TimeProvider _time;

    /// <summary>The bank's response-signing keys, parsed once per PEM (every call verifies the answer with one).</summary>
    private readonly ConcurrentDictionary<string, ECPublicKeyParameters> _bankKeys = new(StringComparer.Ordinal);

    public CmbCall(BankHttpChannel channel, CmbCloudOptions options, TimeProvider time)
    {
        _channel = channel;
        _options = options;
        _time = time;
    }

    /// <param name="idempotent">Reads: an unreadable or unverifiable answer is retried. Sends: it is an unknown outcome.</param>
    public async Task<CmbReply> SendAsync(BankConnection connection, string funcode, JsonObject body, bool idempotent, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var reqid = now.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..8];
        var envelope = await SignAsync(connection, funcode, reqid, body, now, cancellationToken).ConfigureAwait(false);
        return await SendSignedAsync(connection, funcode, Encoding.UTF8.GetBytes(envelope.ToJsonString()), idempotent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The request envelope for <paramref name="body"/>, signed with the connection's SM2 key (and the platform's, when set).</summary>
    public static async Task<JsonObject> SignAsync(BankConnection connection, string funcode, string reqid, JsonObject body, DateTimeOffset signedAt, CancellationToken cancellationToken)
    {
        var signer = connection.Signer ?? throw new InvalidOperationException("CMB connection has no SM2 signer.");
        var envelope = CmbEnvelope.Request(funcode, reqid, connection.CustomerId, body);
        await CmbEnvelope.SignAsync(envelope, signer, signedAt, connection.PlatformSigner, cancellationToken).ConfigureAwait(false);
        return envelope;
    }

    /// <summary>Seals and posts an envelope exactly as given (already signed), then opens and verifies the answer.</summary>
    public async Task<CmbReply> SendSignedAsync(BankConnection connection, string funcode, byte[] envelopeJson, bool idempotent, CancellationToken cancellationToken)
    {
        var uid = connection.CustomerId;
        var key = connection.SymmetricKey ?? throw new InvalidOperationException("CMB connection has no SM4 key.");
        var bankKeyPem = connection.BankPublicKeyPem ?? throw new InvalidOperationException("CMB connection has no bank public key.");
        var data = CmbEnvelope.Seal(envelopeJson, key, uid);
        using var form = new FormUrlEncodedContent(CmbEnvelope.Form(uid, funcode, data, connection.PlatformName));
        var formBytes = await form.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);

        var response = await _channel.SendAsync(
            new BankHttpRequest(HttpMethod.Post, _options.Path, idempotent, formBytes, "application/x-www-form-urlencoded"),
            cancellationToken).ConfigureAwait(false);
        if (response.Outcome != BankCallOutcome.Success)
        {
            return new CmbReply(response.Outcome, null, response.Status is { } s ? $"HTTP{s}" : "Transport", response.Error, response.Status, response.RetryAfter);
        }

        var text = Encoding.UTF8.GetString(response.Body);
        var opened = CmbEnvelope.TryOpen(text, key, uid);
        if (opened is null)
        {
            // Errors before decryption (bad signature, unknown UID) come back in plain text: the bank did nothing.
            return CmbEnvelope.IsPlainTextError(text)
                ? new CmbReply(BankCallOutcome.Terminal, null, "CmbPlainTextError", Truncate(text), response.Status)
                : new CmbReply(idempotent ? BankCallOutcome.Retryable : BankCallOutcome.UnknownOutcome, null, "UnreadableResponse", "The bank's answer did not decrypt.", response.Status);
        }
        if (!CmbEnvelope.Verify(opened, _bankKeys.GetOrAdd(bankKeyPem, Sm2Crypto.ReadPublicKeyPem), uid))
        {
            // An answer we cannot trust says nothing about whether a payment was taken.
            return new CmbReply(idempotent ? BankCallOutcome.Terminal : BankCallOutcome.UnknownOutcome, null, "BankSignatureInvalid", "The bank's response signature did not verify.", response.Status);
        }

        var head = CmbJson.Field(CmbJson.Field(opened, "response"), "head");
        var replyBody = CmbJson.Field(CmbJson.Field(opened, "response"), "body");
        var code = CmbJson.Str(head, "resultcode");
        var message = CmbJson.Str(head, "resultmsg");
        var outcome = code == _options.SuccessResultCode ? BankCallOutcome.Success
            : code == _options.DuplicateReferenceCode ? BankCallOutcome.Duplicate
            : BankCallOutcome.Terminal;
        return new CmbReply(outcome, replyBody, code, message, response.Status, Signature: CmbJson.Str(CmbJson.Field(opened, "signature"), "sigdat"));
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] : text;
}
