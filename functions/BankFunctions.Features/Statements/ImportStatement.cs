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
/// JSON; body = the file, up to 50 MiB; `?strict=true` refuses what lenient reading tolerates with a warning). The body
/// is spooled to a temporary file and read once to check it (a file that cannot be read is a 400 naming line or
/// element, and nothing is stored). A file may hold statements for several accounts: those for this account (its
/// number or IBAN and currency) are kept byte for byte in Blob Storage and stored like a pulled file — entries once,
/// reconciled, balances and warnings; each other statement is skipped and reported (a `statement.other_account`
/// warning in the response and in /statement-warnings, and in `skipped`). A file with no statement for the account is
/// a 422 and stores nothing. Importing a file again stores nothing new.
/// </summary>
public sealed class ImportStatement(AccountCache accounts, AccountImport import, StatementWarnings warnings, Events.EventRelay relay) : IHttpHandler
{
    public const long MaxBodyBytes = StatementUpload.MaxBodyBytes;

    /// <summary>The media types a statement file may be sent as (the OpenAPI document lists them); others are 415.</summary>
    public static IReadOnlyList<string> ContentTypes => StatementUpload.ContentTypes;

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var (tenantId, account) = await TenantAccount.FromRouteAsync(context, accounts, cancellationToken);
        var (upload, problem) = await StatementUpload.ReceiveAsync(context, cancellationToken);
        if (upload is null)
        {
            return problem!;
        }
        using (upload)
        {
            var routed = StatementRouting.ForAccount(upload.Inspected, account);
            var mine = routed.Where(r => r.Account is not null).ToList();
            var others = routed.Where(r => r.Account is null).ToList();
            if (mine.Count == 0)
            {
                return Mismatch(others.Select(o => $"{o.Name} {o.Reason}.").ToList(), routed.Count, account);
            }
            var sha256 = await upload.Sha256Async(cancellationToken);
            IngestSummary summary;
            try
            {
                summary = await import.ImportAsync(tenantId, caller, account, upload, sha256, mine, cancellationToken);
            }
            catch (EntryContentionException)
            {
                return Contended();
            }
            var partition = TableKeys.StatementPartition(tenantId, account.AccountId);
            var skippedWarnings = new List<StatementWarning>();
            foreach (var other in others)
            {
                var message = $"{upload.Name}: {other.Name} {other.Reason}; its {other.Statement.EntryCount} entries were not stored here.";
                skippedWarnings.Add(new StatementWarning(WarningCodes.OtherAccount, message));
                await warnings.RaiseAsync(partition, WarningCodes.OtherAccount, message, other.Statement.Id, null, cancellationToken);
            }
            if (others.Count > 0)
            {
                await relay.RelayAsync(partition, cancellationToken);
            }
            return Results.Json(summary with
            {
                Warnings = [.. summary.Warnings, .. skippedWarnings],
                Skipped = others.Select(Skipped).ToList(),
            }, ApiJson.Options, statusCode: 200);
        }
    }

    public static SkippedStatement Skipped(RoutedStatement other) => new(other.Index + 1, other.Statement.Kind, other.Statement.Id,
        other.Statement.Account, other.Statement.Currency, other.Statement.EntryCount, other.Reason!);

    /// <summary>
    /// The 503 when other pulls or imports kept writing the same day's entries: what was stored is whole per entry and
    /// the next import of the file completes it (stores the rest once, counts what it stored), so the client retries.
    /// </summary>
    internal static IResult Contended()
    {
        var seconds = (int)Math.Ceiling(EntryContentionException.RetryAfter.TotalSeconds);
        return Problem.Create(503, ProblemTypes.Unavailable, "The account's entries are being stored by another pull or import.",
            $"Other pulls or imports were storing the same day's entries at the same moment. Part of the file may be stored (each entry once); import the file again after {seconds} s to complete it.",
            headers: new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>How many mismatching statements a 422 names; a file of thousands says how many more there are.</summary>
    public const int MismatchesShown = 10;

    /// <summary>The 422 for a file with no statement for the account: the first statements that do not fit, and a count.</summary>
    private static IResult Mismatch(IReadOnlyList<string> mismatches, int statements, Storage.Rows.AccountRow account)
    {
        var shown = mismatches.Take(MismatchesShown).ToList();
        if (mismatches.Count > shown.Count)
        {
            shown.Add($"… and {mismatches.Count - shown.Count} more statements like these.");
        }
        var detail = $"{mismatches.Count} of the file's {statements} statement{(statements == 1 ? "" : "s")} "
            + $"{(mismatches.Count == 1 ? "does" : "do")} not fit account {StatementRouting.Name(account)}; nothing was stored. "
            + (mismatches.Count == 1 ? "The statement: " : $"{(mismatches.Count > MismatchesShown ? "The first " + MismatchesShown : "They")}: ")
            + string.Join(" ", mismatches.Take(MismatchesShown));
        return Problem.Create(422, ProblemTypes.StatementMismatch, "The statement file is not for this account.", detail,
            new Dictionary<string, string[]> { ["body"] = shown.ToArray() });
    }
}
