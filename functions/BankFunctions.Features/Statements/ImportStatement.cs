using BankFunctions.Features.Accounts;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Statements;

/// <summary>
/// POST /v1/accounts/{id}/statements (admin): import a statement file (MT940/MT942, camt.052/053/054, CMB DCTRSINF
/// JSON; body = the file, up to 50 MiB; `?strict=true` refuses what lenient reading tolerates with a warning). The body is spooled to a temporary file, read once to check it (a file that
/// cannot be read is a 400 naming line or element; one for another account or currency a 422 — and nothing is
/// stored), kept byte for byte in Blob Storage, then stored like a pulled file: entries once, reconciled, balances
/// and warnings. Importing a file again stores nothing new.
/// </summary>
public sealed class ImportStatement(AccountCache accounts, StatementIngest ingest, StatementBlobs blobs, StorageClients storage, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    public const long MaxBodyBytes = 50L * 1024 * 1024;

    /// <summary>The media types a statement file may be sent as (the OpenAPI document lists them); others are 415.</summary>
    public static readonly IReadOnlyList<string> ContentTypes = ["text/plain", "application/xml", "text/xml", "application/json", "application/octet-stream"];

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var (tenantId, account) = await TenantAccount.FromRouteAsync(context, accounts, cancellationToken);
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is null || !ContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return Problem.UnsupportedMediaType("the statement file, with Content-Type " + string.Join(", ", ContentTypes));
        }
        if (!TryReadStrict(context, out var strict))
        {
            return Problem.Validation("strict", "must be true or false.");
        }
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Problem.TooLarge(MaxBodyBytes);
        }
        var spool = Path.Combine(Path.GetTempPath(), "bf-import-" + Guid.NewGuid().ToString("N"));
        try
        {
            long length;
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                length = await CopyLimitedAsync(context.Request.Body, file, cancellationToken);
            }
            if (length < 0)
            {
                return Problem.TooLarge(MaxBodyBytes);
            }
            if (length == 0)
            {
                return Problem.Validation("body", "is empty; send the statement file as the request body.");
            }
            Stream Open() => new FileStream(spool, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
            var name = FileName(context);
            ParseResult inspected;
            try
            {
                inspected = StatementIngest.Inspect(Open, name, strict);
            }
            catch (StatementFormatException e)
            {
                return Problem.Create(400, ProblemTypes.StatementFormat, "The statement file could not be read.", e.Message,
                    new Dictionary<string, string[]> { ["body"] = [e.Message] });
            }
            var mismatches = StatementIngest.Mismatches(inspected, account);
            if (mismatches.Count > 0)
            {
                return Mismatch(mismatches, inspected.Statements.Count, account);
            }
            // Entries live in the Statements table and audit rows in the tenant's TenantData partition: no entity-group
            // transaction spans both. So the import is audited before anything is stored (what is imported, its hash)
            // and again with what it stored: a crash between leaves a started row, never stored entries without one,
            // and importing the same file again completes it (entries are stored once).
            string sha256;
            await using (var file = Open())
            {
                sha256 = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file, cancellationToken));
            }
            await storage.Table(TableNames.TenantData).AddCheckedAsync(audit.Row(tenantId, caller, "statement.import-started", account.AccountId, null,
                new { fileName = name, bytes = length, sha256, format = inspected.Format }, clock.GetUtcNow()), cancellationToken);
            string blob;
            await using (var file = Open())
            {
                blob = await blobs.SaveAsync(tenantId, account.AccountId, "import", file, context.Request.ContentType ?? "application/octet-stream", cancellationToken);
            }
            IngestSummary summary;
            try
            {
                summary = await ingest.StoreAsync(tenantId, account, Open, name, "import " + inspected.Format, blob, cancellationToken);
            }
            catch (EntryContentionException)
            {
                return Contended();
            }
            await storage.Table(TableNames.TenantData).AddCheckedAsync(audit.Row(tenantId, caller, "statement.imported", account.AccountId, null,
                new { blob, sha256, summary.Format, summary.Entries, summary.Stored, summary.Duplicates, summary.Matched }, clock.GetUtcNow()), cancellationToken);
            return Results.Json(summary, ApiJson.Options, statusCode: 200);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    /// <summary>
    /// The 503 when other pulls or imports kept writing the same day's entries: what was stored is whole per entry and
    /// the next import of the file completes it (stores the rest once, counts what it stored), so the client retries.
    /// </summary>
    private static IResult Contended()
    {
        var seconds = (int)Math.Ceiling(EntryContentionException.RetryAfter.TotalSeconds);
        return Problem.Create(503, ProblemTypes.Unavailable, "The account's entries are being stored by another pull or import.",
            $"Other pulls or imports were storing the same day's entries at the same moment. Part of the file may be stored (each entry once); import the file again after {seconds} s to complete it.",
            headers: new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>How many mismatching statements a 422 names; a file of thousands says how many more there are.</summary>
    public const int MismatchesShown = 10;

    /// <summary>The 422 for a file (partly) for another account or currency: the first statements that do not fit, and a count.</summary>
    private static IResult Mismatch(IReadOnlyList<string> mismatches, int statements, Storage.Rows.AccountRow account)
    {
        var shown = mismatches.Take(MismatchesShown).ToList();
        if (mismatches.Count > shown.Count)
        {
            shown.Add($"… and {mismatches.Count - shown.Count} more statements like these.");
        }
        var detail = $"{mismatches.Count} of the file's {statements} statement{(statements == 1 ? "" : "s")} "
            + $"{(mismatches.Count == 1 ? "does" : "do")} not fit account {account.Iban ?? account.AccountNumber} ({account.Currency}); nothing was stored. "
            + (mismatches.Count == 1 ? "The statement: " : $"{(mismatches.Count > MismatchesShown ? "The first " + MismatchesShown : "They")}: ")
            + string.Join(" ", mismatches.Take(MismatchesShown));
        return Problem.Create(422, ProblemTypes.StatementMismatch, "The statement file is not for this account.", detail,
            new Dictionary<string, string[]> { ["body"] = shown.ToArray() });
    }

    /// <summary>Copies at most <see cref="MaxBodyBytes"/>; -1 when the body is longer (chunked bodies carry no length).</summary>
    private static async Task<long> CopyLimitedAsync(Stream body, Stream target, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > MaxBodyBytes)
            {
                return -1;
            }
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return total;
    }

    /// <summary>?strict=true refuses the deviations lenient reading (the default) tolerates with a warning.</summary>
    private static bool TryReadStrict(HttpContext context, out bool strict)
    {
        strict = false;
        var values = context.Request.Query["strict"];
        return values.Count == 0 || values.Count == 1 && bool.TryParse(values[0], out strict);
    }

    /// <summary>A name for messages: the client's file name if it sent one (Content-Disposition), else "statement".</summary>
    private static string FileName(HttpContext context)
    {
        var disposition = context.Request.Headers.ContentDisposition.ToString();
        if (System.Net.Http.Headers.ContentDispositionHeaderValue.TryParse(disposition, out var parsed) && parsed.FileName is { Length: > 0 } fileName)
        {
            var clean = Path.GetFileName(fileName.Trim('"'));
            if (clean.Length is > 0 and <= 200 && clean.All(c => !char.IsControl(c)))
            {
                return clean;
            }
        }
        return "statement";
    }
}
