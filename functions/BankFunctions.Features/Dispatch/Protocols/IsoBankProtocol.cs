using System.Globalization;
using System.Net;
using System.Text.Json;
using BankFunctions.Banks.Signing;
using BankFunctions.Features.Health;
using BankFunctions.Features.Payments;
using BankFunctions.Formats.Iso20022;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Dispatch.Protocols;

/// <summary>
/// ISO 20022 over HTTPS (BANKS.md §A): one pain.001.001.09 per file, signed once (detached signature over the exact
/// bytes), sent with the customer id and key id; status from pain.002 looked up by our MsgId.
/// </summary>
public sealed class IsoBankProtocol(IHttpClientFactory http, BankEndpointsOptions banks, ISigningKeyStore keys) : IBankProtocol
{
    public bool Serves(string bank) => bank == "simbank-iso";

    public async Task<PreparedFile> PrepareAsync(BankFileRequest request, CancellationToken cancellationToken)
    {
        var file = request.File;
        var debtor = request.Debtor;
        var transfers = request.Payments.Select(p =>
        {
            var currency = Domain.Currency.Find(p.Currency) ?? throw new InvalidOperationException($"unknown currency {p.Currency}");
            return new Pain001Transfer(p.BankReference, decimal.Parse(p.Amount, CultureInfo.InvariantCulture), p.Currency, currency.MinorUnits,
                new Pain001Party(p.CreditorName, p.CreditorIban, p.CreditorAccountNumber, p.CreditorBic), p.RemittanceInformation,
                file.Kind == "payroll" ? "SALA" : null);
        }).ToList();
        var message = new Pain001Message(file.MessageId, file.CreatedAt, debtor.Name,
        [
            new Pain001PaymentInfo(file.MessageId + "-1", DateOnly.ParseExact(file.ExecutionDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                new Pain001Party(debtor.Name, debtor.Iban, debtor.AccountNumber, debtor.Bic), transfers),
        ]);
        using var stream = new MemoryStream();
        Pain001Writer.Write(stream, message, Pain001Dialect.V09);
        var content = stream.ToArray();
        // One signing operation per file (ARCHITECTURE.md §4), over the exact bytes that will be sent.
        var signature = await keys.GetSigner(request.Connection.SigningKeyId, request.Connection.SignatureAlgorithm).SignAsync(content, cancellationToken);
        return new PreparedFile(content, "application/xml", signature.Signature, signature.Algorithm, signature.KeyId);
    }

    public async Task<SendOutcome> SendAsync(BankFileRequest request, PreparedFile file, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl(), "iso/v1/payment-files")) { Content = new ByteArrayContent(file.Content) };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        message.Headers.Add("X-Customer-Id", request.Connection.CustomerId);
        message.Headers.Add("X-Key-Id", request.Connection.SigningKeyId);
        message.Headers.Add("X-Signature-Alg", file.SignatureAlgorithm);
        message.Headers.Add("X-Signature", Convert.ToBase64String(file.Signature));
        try
        {
            using var response = await Client().SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return (int)response.StatusCode switch
            {
                202 => new SendOutcome.Accepted(FileId(body) ?? ""),
                409 => new SendOutcome.Duplicate(FileId(body)),
                var s => BankHttp.FromStatus(s, body, response.Headers.RetryAfter?.Delta),
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return BankHttp.Classify(e);
        }
    }

    public async Task<StatusOutcome> QueryAsync(BankFileRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl(), $"iso/v1/payment-status?msgId={Uri.EscapeDataString(request.File.MessageId)}"));
        message.Headers.Add("X-Customer-Id", request.Connection.CustomerId);
        try
        {
            using var response = await Client().SendAsync(message, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new StatusOutcome.NotFound();
            }
            if (!response.IsSuccessStatusCode)
            {
                return new StatusOutcome.Unavailable($"HTTP {(int)response.StatusCode}");
            }
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new StatusOutcome.Found(null, IsoStatusMapping.Map(Pain002Reader.Read(stream), request.Payments));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return new StatusOutcome.Unavailable(e.GetType().Name);
        }
    }

    private Uri BaseUrl() => banks.Banks.TryGetValue("simbank-iso", out var b) && b.BaseUrl is { } url
        ? new Uri(url.ToString().TrimEnd('/') + "/")
        : throw new InvalidOperationException("Banks__simbank-iso__BaseUrl is not configured.");

    private HttpClient Client()
    {
        var client = http.CreateClient("bank:simbank-iso");
        client.Timeout = TimeSpan.FromSeconds(banks.Banks.GetValueOrDefault("simbank-iso")?.TimeoutSeconds ?? 10);
        return client;
    }

    private static string? FileId(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("fileId", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>pain.002 codes → the contract's statuses, with the ISO status and reason kept.</summary>
public static class IsoStatusMapping
{
    public static string? Status(string? isoStatus) => isoStatus switch
    {
        "RCVD" => PaymentStatuses.Sent,
        "ACTC" or "ACCP" or "ACSP" or "ACWC" or "ACWP" or "PDNG" or "ACFC" => PaymentStatuses.Accepted,
        "ACSC" or "ACCC" => PaymentStatuses.Completed,
        "RJCT" => PaymentStatuses.Rejected,
        _ => null,
    };

    public static IReadOnlyList<PaymentBankStatus> Map(Pain002Report report, IReadOnlyList<PaymentRow> payments)
    {
        var result = new List<PaymentBankStatus>();
        foreach (var tx in report.Transactions)
        {
            if (tx.OriginalEndToEndId is { } e2e && Status(tx.Status) is { } status)
            {
                result.Add(new PaymentBankStatus(e2e, status, tx.Status, tx.ReasonCode, tx.AdditionalInfo ?? Reasons.Describe(tx.ReasonCode)));
            }
        }
        // A group rejection without transaction detail rejects every payment of the file.
        if (report.GroupStatus == "RJCT" && result.Count == 0)
        {
            result.AddRange(payments.Select(p => new PaymentBankStatus(p.BankReference, PaymentStatuses.Rejected, "RJCT", report.GroupReasonCode, Reasons.Describe(report.GroupReasonCode))));
        }
        return result;
    }
}

/// <summary>Plain-language text for the ISO 20022 external status reason codes we meet most.</summary>
public static class Reasons
{
    public static string? Describe(string? code) => code switch
    {
        "AM04" => "Insufficient funds",
        "AC01" => "Incorrect account number",
        "AC04" => "Closed account",
        "AM03" => "Currency not allowed for this account",
        "AM10" => "Control sum does not match",
        "AM18" => "Number of transactions does not match",
        "BE01" => "Creditor name does not match the account",
        "FF01" => "Invalid file format",
        "DUPL" => "Duplicate payment",
        null => null,
        _ => code,
    };
}
