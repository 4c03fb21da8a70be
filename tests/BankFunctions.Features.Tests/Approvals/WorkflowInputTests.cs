using BankFunctions.Features.Approvals;

namespace BankFunctions.Features.Tests.Approvals;

/// <summary>PUT /v1/approval-workflows validation: every bad field is named.</summary>
public sealed class WorkflowInputTests
{
    private static IReadOnlyDictionary<string, string[]> Errors(WorkflowInput input)
    {
        var v = new Validation();
        input.Check(v);
        return v.Errors;
    }

    [Fact]
    public void A_valid_workflow_is_kept_as_given()
    {
        var workflow = new WorkflowInput(
        [
            new("AP managers", 1, ["AP managers"], null),
            new("CFO office", 1, ["CFO office"], new("EUR", "100000.00", null, ["acc_1"], ["single", "batch"], null)),
        ]).Validate();
        Assert.Equal(2, workflow.Levels.Count);
        Assert.Equal(new LevelConditions("EUR", "100000.00", null, workflow.Levels[1].Conditions!.DebtorAccountIds, workflow.Levels[1].Conditions!.Kinds), workflow.Levels[1].Conditions);
        Assert.Equal(["single", "batch"], workflow.Levels[1].Conditions!.Kinds!);
    }

    [Fact]
    public void Every_bad_field_is_named()
    {
        var errors = Errors(new WorkflowInput(
        [
            null,
            new("", 9, ["ok", "bad,comma"], new(null, "10.00", null, [""], ["weekly"], null)),
            new("x", 1, null, new("EUR", "10", "5.00", null, null, null)),
            new("y", 1, null, new("EUR", "10.00", "5.00", null, null, null)),
        ]));
        Assert.Equal(
            new[]
            {
                "levels[0]", "levels[1].approvals", "levels[1].conditions.debtorAccountIds[0]", "levels[1].conditions.kinds[0]",
                "levels[1].conditions.minAmount", "levels[1].groups[1]", "levels[1].name", "levels[2].conditions.minAmount", "levels[3].conditions.belowAmount",
            },
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("levels", Errors(new WorkflowInput(null)).Keys);
    }
}
