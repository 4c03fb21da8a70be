using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Statements;

/// <summary>
/// POST /v1/statements (admin): import a statement file that holds statements for several of the tenant's accounts
/// (a bank's export of every account, legacy Rabobank MT940 with one account number in several currencies, camt.053
/// with several Stmt). Each statement is routed by its own account identification and currency to the tenant's one
/// account with that account number or IBAN and currency, and stored there exactly as POST /v1/accounts/{id}/statements
/// of the same file would store it (entries once, reconciled, balances, warnings, audit, the file kept under each
/// account). Statements that fit no account, or several, are listed in `unrouted` and stored nowhere; a file of which
/// no statement fits is a 422 and stores nothing. Importing a file again stores nothing new.
/// </summary>
public sealed class ImportTenantStatements(StorageClients storage, AccountImport import) : IHttpHandler
{
    /// <summary>What one account got from the file.</summary>
    public sealed record AccountResult(string AccountId, string? Iban, string? AccountNumber, string Currency, IngestSummary Import);

    /// <summary>The whole file: per account what was stored; the statements routed nowhere; the file's own warnings.</summary>
    public sealed record Response(
        string Format, int Statements, int Entries, int Stored, int Duplicates, int Upgraded,
        IReadOnlyList<AccountResult> Accounts, IReadOnlyList<SkippedStatement> Unrouted, IReadOnlyList<StatementWarning> Warnings);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var (upload, problem) = await StatementUpload.ReceiveAsync(context, cancellationToken);
        if (upload is null)
        {
            return problem!;
        }
        using (upload)
        {
            var accounts = await AccountsAsync(tenantId, cancellationToken);
            var routed = StatementRouting.ForTenant(upload.Inspected, accounts);
            var unrouted = routed.Where(r => r.Account is null).ToList();
            var byAccount = routed.Where(r => r.Account is not null).GroupBy(r => r.Account!.AccountId, StringComparer.Ordinal).ToList();
            if (byAccount.Count == 0)
            {
                return Unroutable(unrouted, routed.Count);
            }
            var sha256 = await upload.Sha256Async(cancellationToken);
            var results = new List<AccountResult>();
            foreach (var group in byAccount)
            {
                var account = group.First().Account!;
                try
                {
                    var summary = await import.ImportAsync(tenantId, caller, account, upload, sha256, group.ToList(), cancellationToken);
                    results.Add(new AccountResult(account.AccountId, account.Iban, account.AccountNumber, account.Currency, summary));
                }
                catch (EntryContentionException)
                {
                    return ImportStatement.Contended();
                }
            }
            return Results.Json(new Response(upload.Inspected.Format, routed.Count,
                results.Sum(r => r.Import.Entries), results.Sum(r => r.Import.Stored), results.Sum(r => r.Import.Duplicates), results.Sum(r => r.Import.Upgraded),
                results, unrouted.Select(ImportStatement.Skipped).ToList(), upload.Inspected.Warnings), ApiJson.Options, statusCode: 200);
        }
    }

    private async Task<List<AccountRow>> AccountsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var accounts = new List<AccountRow>();
        await foreach (var row in storage.Table(TableNames.TenantData).QueryAsync<AccountRow>(
            TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.AccountPrefix), cancellationToken: cancellationToken))
        {
            accounts.Add(row);
        }
        return accounts;
    }

    /// <summary>The 422 for a file none of whose statements is for one of the tenant's accounts: the first ten, and a count.</summary>
    private static IResult Unroutable(IReadOnlyList<RoutedStatement> unrouted, int statements)
    {
        var messages = unrouted.Select(u => $"{u.Name} {u.Reason}.").ToList();
        var shown = messages.Take(ImportStatement.MismatchesShown).ToList();
        if (messages.Count > shown.Count)
        {
            shown.Add($"… and {messages.Count - shown.Count} more statements like these.");
        }
        var detail = $"None of the file's {statements} statement{(statements == 1 ? "" : "s")} is for one of the tenant's accounts; nothing was stored. "
            + string.Join(" ", messages.Take(ImportStatement.MismatchesShown));
        return Problem.Create(422, ProblemTypes.StatementMismatch, "The statement file is for none of the tenant's accounts.", detail,
            new Dictionary<string, string[]> { ["body"] = shown.ToArray() });
    }
}
