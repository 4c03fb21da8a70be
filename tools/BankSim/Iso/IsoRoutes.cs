using System.Globalization;
using System.Text;
using System.Xml;
using BankSim.Sim;

namespace BankSim.Iso;

/// <summary>The ISO 20022 bank's HTTP API (BANKS.md §A).</summary>
public static class IsoRoutes
{
    private const string Xml = "application/xml";

    public static void MapIsoBank(this WebApplication app)
    {
        app.MapPost("/iso/v1/payment-files", ReceiveAsync);
        app.MapGet("/iso/v1/payment-files/{fileId}/status", (string fileId, HttpContext http, IsoBank bank, Faults faults, TimeProvider clock) =>
            Report(bank.File(fileId), http, faults, clock));
        app.MapGet("/iso/v1/payment-status", (string? msgId, string? endToEndId, HttpContext http, IsoBank bank, Faults faults, TimeProvider clock) =>
        {
            var customer = http.Request.Headers["X-Customer-Id"].ToString();
            if (msgId is null && endToEndId is null)
            {
                return Results.Problem("Give msgId or endToEndId.", statusCode: 400);
            }
            return Report(bank.FindByReference(customer, msgId, endToEndId), http, faults, clock);
        });
        app.MapGet("/iso/v1/accounts/{account}/statements", (string account, string? from, string? to, Ledger ledger, IsoBank bank, TimeProvider clock) =>
            Camt(CamtWriter.Kind.Statement, account, from, to, ledger, bank, clock));
        app.MapGet("/iso/v1/accounts/{account}/reports", (string account, Ledger ledger, IsoBank bank, TimeProvider clock) =>
        {
            var today = BankDays.Day(IsoBank.Name, clock.GetUtcNow());
            return Camt(CamtWriter.Kind.Report, account, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, ledger, bank, clock);
        });
        app.MapGet("/iso/v1/accounts/{account}/notifications", (string account, DateTimeOffset? since, Ledger ledger, IsoBank bank, TimeProvider clock) =>
        {
            bank.AdvanceAll();
            var acc = ledger.Find(IsoBank.Name, account);
            if (acc is null)
            {
                return Results.Problem($"Account {account} is not held at this bank.", statusCode: 404);
            }
            var start = since ?? DateTimeOffset.MinValue;
            var first = acc.Bookings.Where(b => b.BookedAt > start).Select(b => b.BookingDate).DefaultIfEmpty(BankDays.Day(IsoBank.Name, clock.GetUtcNow())).Min();
            var xml = CamtWriter.Write(CamtWriter.Kind.Notification, acc, first, BankDays.Day(IsoBank.Name, clock.GetUtcNow()), clock.GetUtcNow(), b => b.BookedAt > start);
            return Results.Bytes(xml, Xml);
        });
        // The entry-level e-receipt: the one booking's camt.054 notification, written as of its booking so it is the
        // same document on every call. 404 until the booking exists (the gateway retries later).
        app.MapGet("/iso/v1/accounts/{account}/receipts/{reference}", (string account, string reference, Ledger ledger, IsoBank bank) =>
        {
            bank.AdvanceAll();
            var acc = ledger.Find(IsoBank.Name, account);
            if (acc is null)
            {
                return Results.Problem($"Account {account} is not held at this bank.", statusCode: 404);
            }
            Booking? booking;
            lock (ledger.Sync)
            {
                booking = acc.Bookings.FirstOrDefault(b => b.AcctSvcrRef == reference);
            }
            return booking is null
                ? Results.Problem($"No booked entry {reference} on {account}.", statusCode: 404)
                : Results.Bytes(CamtWriter.Write(CamtWriter.Kind.Notification, acc, booking.BookingDate, booking.BookingDate, booking.BookedAt,
                    b => b.AcctSvcrRef == reference), Xml);
        });
        app.MapGet("/iso/v1/accounts/{account}/mt940", (string account, string? from, string? to, Ledger ledger, IsoBank bank, TimeProvider clock) =>
        {
            bank.AdvanceAll();
            var acc = ledger.Find(IsoBank.Name, account);
            if (acc is null)
            {
                return Results.Problem($"Account {account} is not held at this bank.", statusCode: 404);
            }
            var (f, t) = Range(from, to, clock);
            return Results.Text(Mt940Writer.Write(acc, f, t), "text/plain", Encoding.ASCII);
        });
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, Customers customers, IsoBank bank, TimeProvider clock)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.ToArray();
        var customerId = http.Request.Headers["X-Customer-Id"].ToString();
        var keyId = http.Request.Headers["X-Key-Id"].ToString();
        var alg = http.Request.Headers["X-Signature-Alg"].ToString();
        var signature = http.Request.Headers["X-Signature"].ToString();
        var customer = customers.Iso(customerId, keyId);
        if (customer is null || !IsoSignatureVerifier.Verify(customer.PublicKeyPem, alg, body, signature))
        {
            return Results.Problem("The signature does not verify with the registered key for this customer and key id.", statusCode: 401, title: "Bad signature");
        }

        string? ns;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            reader.MoveToContent();
            ns = reader.NamespaceURI;
        }
        catch (XmlException e)
        {
            return Rejected(Pain002Writer.FormatRejection(null, "Not well-formed XML: " + e.Message, clock.GetUtcNow()));
        }
        if (ns is not (Schemas.Pain001V03 or Schemas.Pain001V09))
        {
            return Rejected(Pain002Writer.FormatRejection(null, $"Unsupported message {ns}; send pain.001.001.09 or .03.", clock.GetUtcNow()));
        }
        var errors = Schemas.Validate(body, ns);
        if (errors.Count > 0)
        {
            return Rejected(Pain002Writer.FormatRejection(null, "Schema: " + errors[0], clock.GetUtcNow()));
        }
        var document = Pain001Document.Parse(body);
        var result = bank.Receive(customerId, document);
        return result.Status == 409
            ? Results.Json(new { fileId = result.FileId, error = "MsgId already received" }, statusCode: 409)
            : Results.Json(new { fileId = result.FileId }, statusCode: 202);
    }

    private static IResult Rejected(byte[] pain002) => new RejectedResult(pain002);

    /// <summary>400 with the pain.002 group rejection as its body.</summary>
    private sealed class RejectedResult(byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = 400;
            httpContext.Response.ContentType = Xml;
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }

    private static IResult Report(IsoFile? file, HttpContext http, Faults faults, TimeProvider clock)
    {
        if (file is null)
        {
            return Results.Problem("No such payment file.", statusCode: 404);
        }
        var report = Pain002Writer.Write(file, clock.GetUtcNow());
        // duplicateStatus: the bank serves an earlier report again (a duplicated, stale status message).
        if (file.LastReport is { } stale && faults.Draw(IsoBank.Name, http.Request.Path.Value ?? "", "duplicateStatus") is not null)
        {
            return Results.Bytes(stale, Xml);
        }
        file.LastReport = report;
        return Results.Bytes(report, Xml);
    }

    private static IResult Camt(CamtWriter.Kind kind, string account, string? from, string? to, Ledger ledger, IsoBank bank, TimeProvider clock)
    {
        bank.AdvanceAll();
        var acc = ledger.Find(IsoBank.Name, account);
        if (acc is null)
        {
            return Results.Problem($"Account {account} is not held at this bank.", statusCode: 404);
        }
        var (f, t) = Range(from, to, clock);
        return Results.Bytes(CamtWriter.Write(kind, acc, f, t, clock.GetUtcNow()), Xml);
    }

    private static (DateOnly From, DateOnly To) Range(string? from, string? to, TimeProvider clock)
    {
        var today = BankDays.Day(IsoBank.Name, clock.GetUtcNow());
        var f = from is null ? today : DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var t = to is null ? today : DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (f, t < f ? f : t);
    }
}
