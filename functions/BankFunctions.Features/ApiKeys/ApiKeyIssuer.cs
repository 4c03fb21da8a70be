using BankFunctions.Storage.Guard;
using Azure.Data.Tables;
using BankFunctions.Features.Auth;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.ApiKeys;

/// <param name="ApprovalGroups">The approval groups the key approves for in approval workflows (issue #15); absent: none.</param>
public sealed record ApiKeyRequest(string? Name, IReadOnlyList<string>? Roles, IReadOnlyList<string?>? ApprovalGroups = null);

/// <summary>Shown once: the only time the full key is ever returned.</summary>
public sealed record CreatedApiKey(string Id, string Key, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, IReadOnlyList<string>? ApprovalGroups = null);

public sealed record ApiKeyView(string Id, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, IReadOnlyList<string>? ApprovalGroups = null);

/// <summary>
/// Issues a key: first the tenant's row and its audit row (one transaction), then the lookup row that makes the
/// key usable. A crash in between leaves a listed key that never authenticates and was never shown — harmless.
/// </summary>
public sealed class ApiKeyIssuer(StorageClients storage, TimeProvider clock, AuditRows audit)
{
    public const int NameMax = 100;

    public static (string Name, Role Roles, IReadOnlyList<string> ApprovalGroups) Validate(ApiKeyRequest request)
    {
        var v = new Validation();
        var name = v.Text("name", request.Name, NameMax);
        var roles = Role.None;
        if (request.Roles is null || request.Roles.Count == 0)
        {
            v.Add("roles", "at least one role is required (viewer, submitter, approver, admin).");
        }
        else
        {
            for (var i = 0; i < request.Roles.Count; i++)
            {
                if (Auth.Roles.TryParse(request.Roles[i], out var role))
                {
                    roles |= role;
                }
                else
                {
                    v.Add($"roles[{i}]", "must be one of viewer, submitter, approver, admin.");
                }
            }
        }
        var groups = Approvals.ApprovalGroups.Check(request.ApprovalGroups, "approvalGroups", v);
        v.ThrowIfInvalid();
        return (name!, roles, groups);
    }

    public async Task<CreatedApiKey> IssueAsync(string tenantId, Caller caller, string name, Role roles, IReadOnlyList<string> approvalGroups, CancellationToken cancellationToken)
    {
        var (keyId, key, hash) = ApiKeyFormat.Create();
        var now = clock.GetUtcNow();
        var row = new ApiKeyRow
        {
            PartitionKey = TableKeys.TenantPartition(tenantId),
            RowKey = TableKeys.ApiKeyRow(keyId),
            KeyId = keyId,
            TenantId = tenantId,
            Name = name,
            Roles = Auth.Roles.Format(roles),
            ApprovalGroups = Approvals.ApprovalGroups.Format(approvalGroups),
            SecretHash = hash,
            CreatedAt = now,
            CreatedBy = caller.Actor,
        };
        var view = ToView(row);
        await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, row),
                new TableTransactionAction(TableTransactionActionType.Add, audit.Row(tenantId, caller, "api-key.created", keyId, null, view, now)),
            ],
            cancellationToken);

        row.PartitionKey = TableKeys.ApiKeyLookupPartition(keyId);
        row.RowKey = TableKeys.ApiKeyLookupRow;
        await storage.Table(TableNames.ApiKeys).AddCheckedAsync(row, cancellationToken);
        return new CreatedApiKey(keyId, key, name, Auth.Roles.ToNames(roles), now, view.ApprovalGroups);
    }

    public static ApiKeyView ToView(ApiKeyRow row) => new(row.KeyId, row.Name, Auth.Roles.ToNames(Auth.Roles.Parse(row.Roles)), row.CreatedAt, row.RevokedAt,
        Approvals.ApprovalGroups.Parse(row.ApprovalGroups) is { Count: > 0 } groups ? groups : null);
}
