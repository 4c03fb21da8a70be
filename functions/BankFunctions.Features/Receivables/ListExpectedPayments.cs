using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Receivables;

/// <summary>
/// GET /v1/expected-payments?accountId&amp;status&amp;externalId&amp;cursor&amp;limit (viewer): the tenant's expected
/// payments, oldest first (ids are time-ordered); a page may be short, follow nextCursor until it is absent.
/// </summary>
public sealed class ListExpectedPayments(StorageClients storage) : IHttpHandler
{
    public static readonly IReadOnlyList<string> Parameters = ["accountId", "status", "externalId", "cursor", "limit"];

    public sealed record Response(IReadOnlyList<ExpectedPaymentView> Items, string? NextCursor);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.Caller().RequireTenant();
        var filter = TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.ExpectedPaymentPrefix);
        var v = new Validation();
        var account = context.Request.Query["accountId"].ToString();
        if (account.Length > 0)
        {
            if (account.Length > 64 || !account.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                v.Add("accountId", "is not an account id.");
            }
            filter += $" and AccountId eq '{TableKeys.Escape(account)}'";
        }
        var status = context.Request.Query["status"].ToString();
        if (status.Length > 0)
        {
            if (ExpectedPaymentWire.StatusFromWire(status) is not { } known)
            {
                v.Add("status", "must be open, partially_reconciled, reconciled or cancelled.");
            }
            else
            {
                filter += $" and Status eq '{known.ToWire()}'";
            }
        }
        var externalId = context.Request.Query["externalId"].ToString();
        if (externalId.Length > 0)
        {
            v.Text("externalId", externalId, ExpectedPaymentRules.MaxExternalId);
            filter += $" and ExternalId eq '{TableKeys.Escape(externalId)}'";
        }
        v.ThrowIfInvalid();
        var scope = $"expected\u001f{tenantId}\u001f{account}\u001f{status}\u001f{externalId}";
        var (rows, next) = await TablePages.ReadAsync<ExpectedPaymentRow>(storage, filter, CheckedCursor.Decode(context, scope), Cursor.Limit(context), cancellationToken);
        return Results.Json(new Response(rows.Select(ExpectedPaymentView.From).ToList(), next is null ? null : CheckedCursor.Encode(scope, next)), ApiJson.Options);
    }
}
