using System.Text.Json;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Dispatch;

/// <summary>
/// The "-poison" queues of the payment stages: a message that failed maxDequeueCount times lands here, and the payments
/// it carries become needs_attention with the reason, visible in the API. Nothing is retried automatically from here:
/// an operator decides (the bank may or may not have executed a file whose dispatch kept failing).
/// </summary>
public sealed class PoisonedPayments(PaymentStore payments, BankFileStore files, TimeProvider clock) : IQueueHandler
{
    public async Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        var stage = message.QueueName.Replace("-poison", "", StringComparison.Ordinal);
        var reason = $"Processing failed repeatedly at {stage}; needs a person to check with the bank before anything is retried.";
        using var doc = JsonDocument.Parse(message.Body);
        var root = doc.RootElement;
        var tenantId = root.GetProperty("tenantId").GetString()!;
        var affected = new List<PaymentRow>();
        if (root.TryGetProperty("fileId", out var fileId) && fileId.GetString() is { } id)
        {
            var file = await files.FindAsync(tenantId, id, cancellationToken);
            if (file is not null)
            {
                affected.AddRange(await files.PaymentsAsync(file, cancellationToken));
                await MarkFileAsync(file, reason, cancellationToken);
                await files.DeleteOutboxAsync(tenantId, id, cancellationToken);
            }
        }
        else if (root.TryGetProperty("paymentId", out var paymentId) && paymentId.GetString() is { } pid)
        {
            if (await payments.FindAsync(tenantId, pid, cancellationToken) is { } p)
            {
                affected.Add(p);
            }
            await files.DeleteOutboxAsync(tenantId, pid, cancellationToken);
        }
        var now = clock.GetUtcNow();
        await files.TransitionAsync(affected, (p, at) => PaymentTransitions.TryApply(p, PaymentStatus.NeedsAttention, PaymentTrigger.GiveUp, at, reason),
            nameof(PoisonedPayments), cancellationToken);
    }

    /// <summary>Attempts at marking the file before the message is left to the queue's retry.</summary>
    private const int MarkAttempts = 5;

    /// <summary>
    /// The file becomes needs_attention under its ETag. A status poll may change it at the same moment (412): then it is
    /// read again and decided again, so the file never stays "sent" while its payments wait for a person. A file that
    /// became final meanwhile is left final (every payment in it is settled; the transitions below refuse to move them).
    /// </summary>
    private async Task MarkFileAsync(BankFileRow file, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (file.State is BankFileStates.Final or BankFileStates.NeedsAttention)
            {
                return;
            }
            file.State = BankFileStates.NeedsAttention;
            file.LastError = reason;
            if (await files.TryUpdateAsync(file, cancellationToken))
            {
                return;
            }
            if (attempt == MarkAttempts)
            {
                throw new InvalidOperationException($"Bank file {file.FileId} kept changing while it was being marked needs_attention; the message is retried.");
            }
            file = await files.FindAsync(file.PartitionKey, file.FileId, cancellationToken)
                ?? throw new InvalidOperationException($"Bank file {file.FileId} disappeared while it was being marked needs_attention.");
        }
    }
}
