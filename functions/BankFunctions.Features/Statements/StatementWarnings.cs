using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Statements;

/// <summary>Warning codes the API shows (GET /v1/accounts/{id}/statement-warnings).</summary>
public static class WarningCodes
{
    // What the statement readers report uses their own codes (StatementWarningCodes, docs/statement-warnings.md).
    /// <summary>A statement sequence number was skipped: a statement is missing.</summary>
    public const string SequenceGap = "sequence-gap";
    /// <summary>An entry carries our reference but its amount differs from the payment's.</summary>
    public const string AmountMismatch = "amount-mismatch";
    /// <summary>The scheduled pull failed repeatedly.</summary>
    public const string PullFailed = "pull-failed";
    /// <summary>
    /// An entry carries the bank reference of a stored entry but another amount, date or direction: stored as a
    /// separate booking (banks reuse references — after a restart, across years), for a person to look at.
    /// </summary>
    public const string Conflict = "statement.conflict";
    /// <summary>
    /// A statement of an imported file is for another account or currency: not stored in the account the file was
    /// imported into (its other statements were). POST /v1/statements routes such files by each statement's account.
    /// </summary>
    public const string OtherAccount = "statement.other_account";
}

/// <summary>
/// Keeps warnings about an account's statements. A warning's row key is derived from what it says, so the same
/// statement pulled twice raises it once. Sequence gaps are found by comparing each final statement's number with the
/// highest seen before (per statement kind), advanced ETag-guarded. A warning commits with its <c>statement.warning</c>
/// event (<see cref="Events.AccountEvents"/>) in one transaction; raising it again (409) announces nothing.
/// </summary>
public sealed class StatementWarnings(StorageClients storage, TimeProvider clock)
{
    private TableClient Table => storage.Table(TableNames.Statements);

    public async Task RaiseAsync(string partition, string code, string message, string? statementId, string? sourceBlob, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{code}\u001f{statementId}\u001f{message}")))[..32];
        var row = new StatementWarningRow
        {
            PartitionKey = partition,
            RowKey = TableKeys.StatementWarningRow(key),
            Code = code,
            Message = message.Length > 2000 ? message[..2000] : message,
            StatementId = statementId,
            SourceBlob = sourceBlob,
            RaisedAt = clock.GetUtcNow(),
        };
        try
        {
            await Table.SubmitCheckedAsync([new(TableTransactionActionType.Add, row),
                new(TableTransactionActionType.Add, Events.AccountEvents.PendingRow(partition, [Events.AccountEvents.Warning(row)], row.RaisedAt))], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // Raised before for the same statement.
        }
    }

    /// <summary>
    /// Checks a final statement's sequence number (camt ElctrncSeqNb/LglSeqNb, MT940 :28C: statement number) against
    /// the highest seen for this account and kind; a jump of more than one is a gap. Older or equal numbers are
    /// re-deliveries or corrections and change nothing.
    /// </summary>
    public async Task CheckSequenceAsync(string partition, Statement statement, string? sourceBlob, CancellationToken cancellationToken)
    {
        if (statement.Kind is not (StatementKinds.Camt053 or StatementKinds.Mt940) || SequenceNumber(statement.Sequence) is not { } number)
        {
            return;
        }
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var found = await Table.GetEntityIfExistsAsync<StatementSequenceRow>(partition, TableKeys.StatementSequenceRow(statement.Kind), cancellationToken: cancellationToken);
            var row = found.HasValue ? found.Value! : new StatementSequenceRow { PartitionKey = partition, RowKey = TableKeys.StatementSequenceRow(statement.Kind) };
            if (found.HasValue && number <= row.LastSequence)
            {
                return;
            }
            var previous = found.HasValue ? row.LastSequence : (long?)null;
            row.LastSequence = number;
            row.LastStatementId = statement.Id;
            try
            {
                if (found.HasValue)
                {
                    await Table.UpdateCheckedAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await Table.AddCheckedAsync(row, cancellationToken);
                }
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                continue;
            }
            if (previous is { } last && number > last + 1)
            {
                var missing = number - last - 1;
                await RaiseAsync(partition, WarningCodes.SequenceGap,
                    $"{statement.Kind} statement {number} follows {last}: {missing} statement{(missing == 1 ? " is" : "s are")} missing.",
                    statement.Id, sourceBlob, cancellationToken);
            }
            return;
        }
    }

    /// <summary>What a <see cref="WarningCodes.Conflict"/> says: both entries, by id, day, amount and reference.</summary>
    public static string ConflictMessage(EntryConflict conflict)
    {
        var (now, before) = (conflict.Stored, conflict.Earlier);
        return $"Entry {now.EntryKey} ({now.BookingDate ?? now.ValueDate}, {now.Amount} {now.Currency}) has bank reference {now.BankReference}, "
            + $"like entry {before.EntryKey} ({before.BookingDate ?? before.ValueDate}, {before.Amount} {before.Currency}); stored as a separate booking.";
    }

    /// <summary>"00012/001" (MT940 statement/page), "12" (camt): the statement number.</summary>
    public static long? SequenceNumber(string? sequence)
    {
        if (string.IsNullOrWhiteSpace(sequence))
        {
            return null;
        }
        var head = sequence.Split('/')[0].Trim();
        return long.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
