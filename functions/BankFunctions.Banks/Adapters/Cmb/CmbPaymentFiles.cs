using System.Text;
using System.Text.Json.Nodes;
using BankFunctions.Banks.Signing;

namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>
/// Payments at the CMB-style bank: prepare (build + sign the envelope once), send (seal and post those exact bytes),
/// read the answer per yurRef, and query status (BB1PAYQR, BB6BPDQY). A reused yurRef (NCB4241) is never a failure of
/// the payment: the original is looked up and reported as a duplicate with its status.
/// </summary>
internal sealed class CmbPaymentFiles(CmbCall call, CmbCloudOptions options, BankCapabilities capabilities)
{
    public async Task<BankResult<PreparedPaymentFile>> PrepareAsync(PaymentFile file, CancellationToken cancellationToken)
    {
        if (Refusal(file.Kind, file.Payments) is { } refused)
        {
            return BankResult.Failure<PreparedPaymentFile>(refused.Outcome, refused.Code, refused.Message);
        }
        var signer = file.Connection.Signer ?? throw new InvalidOperationException("CMB connection has no SM2 signer.");
        // reqid = our file id, so the stored envelope is the same request on every attempt.
        var envelope = await CmbCall.SignAsync(file.Connection, CmbPaymentBodies.Funcode(file.Kind), file.FileId,
            CmbPaymentBodies.Build(options, file), file.CreatedAt, cancellationToken).ConfigureAwait(false);
        var sigdat = Convert.FromBase64String(envelope["signature"]!["sigdat"]!.GetValue<string>());
        return BankResult.Success(new PreparedPaymentFile(
            Encoding.UTF8.GetBytes(envelope.ToJsonString()), "application/json", new SignatureResult(sigdat, SignatureAlgorithms.SM2SM3, signer.KeyId)));
    }

    /// <summary>Seals and posts the prepared envelope as it is, and reads the answer per yurRef.</summary>
    public async Task<BankResult<PaymentFileAck>> SendAsync(PaymentFile file, PreparedPaymentFile prepared, CancellationToken cancellationToken)
    {
        if (Refusal(file.Kind, file.Payments) is { } refused)
        {
            return BankResult.Failure<PaymentFileAck>(refused.Outcome, refused.Code, refused.Message);
        }
        var funcode = CmbPaymentBodies.Funcode(file.Kind);
        var reply = await call.SendSignedAsync(file.Connection, funcode, prepared.Document, idempotent: false, cancellationToken).ConfigureAwait(false);
        if (reply.Outcome == BankCallOutcome.Duplicate)
        {
            // NCB4241 in the head: the whole request was a resend.
            return await DuplicatesAsync(file, file.Payments.Select(i => i.Reference).ToList(), [], cancellationToken).ConfigureAwait(false);
        }
        if (reply.Outcome != BankCallOutcome.Success)
        {
            return reply.Failure<PaymentFileAck>();
        }

        var rows = CmbJson.Rows(reply.Body, CmbPaymentBodies.ReplyTable(funcode)).ToList();
        var acks = new List<PaymentItemAck>();
        var duplicates = new List<string>();
        foreach (var instruction in file.Payments)
        {
            var reference = instruction.Reference;
            // Batch and payroll answers name the yurRef; a single payment's answer is its one row.
            var row = rows.FirstOrDefault(r => CmbJson.Str(r, "yurRef") == reference) ?? (file.Kind == PaymentFileKind.Single ? rows.FirstOrDefault() : null);
            if (CmbJson.Str(row, "errCod") == options.DuplicateReferenceCode)
            {
                duplicates.Add(reference);
                continue;
            }
            acks.Add(new PaymentItemAck(reference, CmbJson.Str(row, "reqNbr"), row is null ? null : StatusOf(row)));
        }
        return duplicates.Count == 0
            ? BankResult.Success(new PaymentFileAck(FileId(file, acks), acks))
            : await DuplicatesAsync(file, duplicates, acks, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The file's payments by their yurRefs (BB1PAYQR), a payroll by the batch's yurRef (BB6BPDQY).</summary>
    public Task<BankResult<PaymentStatusReport>> QueryAsync(PaymentFile file, CancellationToken cancellationToken) =>
        file.Kind == PaymentFileKind.Payroll
            ? QueryPayrollAsync(file.Connection, file.FileReference, cancellationToken)
            : QueryPaymentsAsync(file.Connection, file.Payments.Select(p => p.Reference).ToList(), cancellationToken);

    /// <summary>The originals of reused references, looked up at the bank; all duplicates → the outcome is Duplicate.</summary>
    private async Task<BankResult<PaymentFileAck>> DuplicatesAsync(
        PaymentFile file, IReadOnlyList<string> duplicates, List<PaymentItemAck> acks, CancellationToken cancellationToken)
    {
        var found = file.Kind == PaymentFileKind.Payroll
            ? await QueryPayrollAsync(file.Connection, file.FileReference, cancellationToken).ConfigureAwait(false)
            : await QueryPaymentsAsync(file.Connection, duplicates, cancellationToken).ConfigureAwait(false);
        var originals = found.Value?.Items.ToDictionary(i => i.Reference, StringComparer.Ordinal) ?? new Dictionary<string, PaymentItemStatus>(StringComparer.Ordinal);
        acks.AddRange(duplicates.Select(d => originals.TryGetValue(d, out var o)
            ? new PaymentItemAck(d, o.BankReference, o.Status, Duplicate: true)
            : new PaymentItemAck(d, null, null, Duplicate: true)));
        var ack = new PaymentFileAck(FileId(file, acks), acks);
        return duplicates.Count == file.Payments.Count
            ? new BankResult<PaymentFileAck>(BankCallOutcome.Duplicate, ack, options.DuplicateReferenceCode, "The reference was already used.")
            : BankResult.Success(ack);
    }

    private static string? FileId(PaymentFile file, IReadOnlyList<PaymentItemAck> acks) =>
        file.Kind == PaymentFileKind.Single ? (acks.Count > 0 ? acks[0].BankReference : null) : file.FileReference;

    private async Task<BankResult<PaymentStatusReport>> QueryPaymentsAsync(BankConnection connection, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        var keys = new JsonArray();
        foreach (var reference in references)
        {
            keys.Add(new JsonObject { ["yurRef"] = reference });
        }
        var reply = await call.SendAsync(connection, "BB1PAYQR", new JsonObject { ["bb1payqrx1"] = keys }, idempotent: true, cancellationToken).ConfigureAwait(false);
        return reply.Outcome == BankCallOutcome.Success ? Report(CmbJson.Rows(reply.Body, "bb1payqrz1")) : reply.Failure<PaymentStatusReport>();
    }

    /// <summary>BB6BPDQY by the batch's yurRef: one row per line, each with its own yurRef and state.</summary>
    private async Task<BankResult<PaymentStatusReport>> QueryPayrollAsync(BankConnection connection, string batchReference, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["bb6bpdqyx1"] = new JsonArray(new JsonObject { ["yurRef"] = batchReference }) };
        var reply = await call.SendAsync(connection, "BB6BPDQY", body, idempotent: true, cancellationToken).ConfigureAwait(false);
        return reply.Outcome == BankCallOutcome.Success ? Report(CmbJson.Rows(reply.Body, "bb6bpdqyz1")) : reply.Failure<PaymentStatusReport>();
    }

    private static BankResult<PaymentStatusReport> Report(IEnumerable<JsonNode> rows)
    {
        var items = rows
            .Where(r => CmbJson.Str(r, "yurRef") is { Length: > 0 })
            .Select(r => new PaymentItemStatus(CmbJson.Str(r, "yurRef")!, StatusOf(r), CmbJson.Str(r, "reqNbr"), CmbJson.Amount(r, "trsAmt")))
            .ToList();
        return BankResult.Success(new PaymentStatusReport(items.Count > 0, null, items));
    }

    private static CmbPaymentStatus StatusOf(JsonNode row) =>
        CmbPaymentStatus.Of(CmbJson.Str(row, "reqSts"), CmbJson.Str(row, "rtnFlg"), CmbJson.Str(row, "errCod"), CmbJson.Str(row, "errTxt"));

    /// <summary>What the bank would refuse anyway, refused before anything is signed or sent.</summary>
    private (BankCallOutcome Outcome, string Code, string Message)? Refusal(PaymentFileKind kind, IReadOnlyList<PaymentInstruction> instructions)
    {
        if (!capabilities.Has(BankCapabilities.For(kind)))
        {
            return (BankCallOutcome.NotSupported, "NotSupported", $"{kind} payment files are not supported by {options.BankId}.");
        }
        if (instructions.Count == 0 || (kind == PaymentFileKind.Single && instructions.Count != 1))
        {
            return (BankCallOutcome.Terminal, "InstructionCount", $"{kind} needs {(kind == PaymentFileKind.Single ? "exactly one" : "at least one")} instruction.");
        }
        if (kind == PaymentFileKind.Payroll && instructions.Any(i => i.Currency != instructions[0].Currency))
        {
            // BB6BTHHL has one debit account (a file has one debtor) and one currency per batch.
            return (BankCallOutcome.Terminal, "MixedPayrollBatch", "A payroll batch pays from one account in one currency.");
        }
        foreach (var i in instructions)
        {
            if (i.Amount.Amount <= 0 || decimal.Round(i.Amount.Amount, 2) != i.Amount.Amount)
            {
                // trsAmt has exactly 2 decimals (BANKS.md §B); more would need rounding, which money never gets silently.
                return (BankCallOutcome.Terminal, "InvalidAmount", $"{i.Reference}: amount {i.Amount.ToAmountString()} must be positive with at most 2 decimals.");
            }
            if (!options.CurrencyCodes.ContainsKey(i.Currency))
            {
                return (BankCallOutcome.Terminal, "UnsupportedCurrency", $"{i.Reference}: currency {i.Currency} is not offered by {options.BankId}.");
            }
            if (string.IsNullOrEmpty(i.Reference) || i.Reference.Length > 30)
            {
                return (BankCallOutcome.Terminal, "InvalidReference", $"yurref '{i.Reference}' must be 1-30 characters.");
            }
        }
        return null;
    }
}
