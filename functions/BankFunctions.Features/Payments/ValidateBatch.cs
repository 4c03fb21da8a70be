using BankFunctions.Domain.Ids;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// POST /v1/payment-batches/validate (submitter): every check of POST /v1/payment-batches on the same body — the same
/// 400 with the same field paths (<c>items[3].creditor.iban</c>) — and nothing stored, queued or audited. The console's
/// upload runs it before it offers to submit, so a person sees the bank's rules (charsets, CNAPS codes, dates) per row
/// before anything exists. No Idempotency-Key: nothing is created.
/// </summary>
public sealed class ValidateBatch(AccountCache accounts, ApprovalRulesStore rules, Profiles.BankProfiles profiles, TimeProvider clock) : IHttpHandler
{
    /// <param name="ApprovalsRequired">What the batch would need under the workflow in force now (it is snapshotted only at submission).</param>
    /// <param name="Warnings">What submission would change, e.g. characters converted to the bank's set.</param>
    public sealed record Response(string Kind, string DebtorAccountId, MoneyView TotalAmount, int ItemCount, int ApprovalsRequired, IReadOnlyList<string> Warnings);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        if (!JsonBody.IsJson(context.Request.ContentType))
        {
            return Problem.UnsupportedMediaType("application/json");
        }
        var request = JsonBody.Parse<SubmitBatch.Request>(await BodyReader.ReadAsync(context.Request, SubmitBatch.MaxBodyBytes, cancellationToken));
        var debtor = request.DebtorAccountId is null || !caller.MaySee(request.DebtorAccountId) ? null
            : await accounts.FindAsync(tenantId, request.DebtorAccountId, cancellationToken);
        var workflow = await rules.GetWorkflowAsync(tenantId, cancellationToken);
        var now = clock.GetUtcNow();
        return SubmitBatchDecision.Decide(request, debtor, profiles.Find(debtor?.Bank), workflow, caller, BatchId.New(now).Value, now) switch
        {
            SubmitBatchDecision.Invalid invalid => Problem.Validation(invalid.Errors),
            SubmitBatchDecision.Accepted accepted => Results.Json(new Response(accepted.Kind, accepted.Header.DebtorAccountId,
                new MoneyView(accepted.Header.Currency, accepted.Header.TotalAmount), accepted.Items.Count, accepted.Header.ApprovalsRequired, accepted.Warnings), ApiJson.Options),
            _ => throw new InvalidOperationException("An unknown batch decision."),
        };
    }
}
