using BankFunctions.Features.Auth;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Statements;

/// <summary>
/// Stores the statements of an uploaded file that belong to one account, the same way for an import into the account
/// and for a tenant-wide import that routes each statement: audited, kept byte for byte, then stored like a pulled file.
/// </summary>
public sealed class AccountImport(StatementIngest ingest, StatementBlobs blobs, StorageClients storage, TimeProvider clock, AuditRows audit)
{
    /// <summary>
    /// Stores <paramref name="statements"/> (all routed to <paramref name="account"/>) of the upload. Throws
    /// <see cref="EntryContentionException"/> when other writers kept the same day's entries busy.
    /// </summary>
    public async Task<IngestSummary> ImportAsync(string tenantId, Caller caller, AccountRow account, StatementUpload upload, string sha256,
        IReadOnlyList<RoutedStatement> statements, CancellationToken cancellationToken)
    {
        var all = statements.Count == upload.Inspected.Statements.Count;
        // Entries live in the Statements table and audit rows in the tenant's TenantData partition: no entity-group
        // transaction spans both. So the import is audited before anything is stored (what is imported, its hash)
        // and again with what it stored: a crash between leaves a started row, never stored entries without one,
        // and importing the same file again completes it (entries are stored once).
        await storage.Table(TableNames.TenantData).AddCheckedAsync(audit.Row(tenantId, caller, "statement.import-started", account.AccountId, null,
            new { fileName = upload.Name, bytes = upload.Length, sha256, format = upload.Inspected.Format, statements = statements.Count, ofStatements = upload.Inspected.Statements.Count },
            clock.GetUtcNow()), cancellationToken);
        string blob;
        await using (var file = upload.Open())
        {
            blob = await blobs.SaveAsync(tenantId, account.AccountId, "import", file, upload.ContentType, cancellationToken);
        }
        var summary = await ingest.StoreAsync(tenantId, account, upload.Open, upload.Name, "import " + upload.Inspected.Format, blob, cancellationToken,
            all ? null : statements.Select(s => s.Index).ToHashSet());
        await storage.Table(TableNames.TenantData).AddCheckedAsync(audit.Row(tenantId, caller, "statement.imported", account.AccountId, null,
            new { blob, sha256, summary.Format, statements = statements.Count, summary.Entries, summary.Stored, summary.Duplicates, summary.Matched }, clock.GetUtcNow()), cancellationToken);
        return summary;
    }
}
