using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using BankFunctions.Features.Users;

namespace BankFunctions.Features.Tests.Users;

/// <summary>What an invitation may say (pure): emails as sign-in will compare them, roles, scope, groups.</summary>
public sealed class UserInputTests
{
    private static InviteUserRequest Valid(string email = "Ana.Lopez@Example.com", IReadOnlyList<string?>? accounts = null) =>
        new(email, "Ana López", ["approver", "viewer"], accounts, ["AP managers"]);

    [Fact]
    public void A_valid_invitation_is_normalised()
    {
        var invite = UserInput.Check(Valid(" Ana.Lopez@Example.com ", ["acc_01m96wtjnc49grdzrgjaxfdmpg", "acc_01m96wtjnc49grdzrgjaxfdmpg"]));
        Assert.Equal("ana.lopez@example.com", invite.Email);
        Assert.Equal(Role.Approver | Role.Viewer, invite.Roles);
        Assert.Equal(["acc_01m96wtjnc49grdzrgjaxfdmpg"], invite.AccountIds);
        Assert.Equal(["AP managers"], invite.ApprovalGroups);
        Assert.Null(UserInput.Check(Valid()).AccountIds); // no scope: every account
    }

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("@example.com")]
    [InlineData("ana@")]
    [InlineData("ana@@example.com")]
    [InlineData("ana lopez@example.com")]
    [InlineData("ana@localhost")]
    public async Task Emails_that_cannot_be_one_are_refused_on_the_field(string email) =>
        Assert.Contains("email", await RefusedFieldsAsync(() => UserInput.Check(Valid(email))));

    [Fact]
    public async Task An_empty_scope_is_refused_rather_than_meaning_nothing_or_everything() =>
        Assert.Contains("accountIds", await RefusedFieldsAsync(() => UserInput.Check(Valid(accounts: []))));

    [Fact]
    public async Task Every_bad_field_is_named_at_once()
    {
        var fields = await RefusedFieldsAsync(() => UserInput.Check(new InviteUserRequest(null, "", ["root"], ["pay_x"], ["bad,group"])));
        Assert.Equal(["accountIds[0]", "approvalGroups[0]", "displayName", "email", "roles[0]"], fields.Order(StringComparer.Ordinal));
    }

    /// <summary>The fields a 400 names, read from the problem response as a client gets it.</summary>
    private static async Task<IReadOnlyCollection<string>> RefusedFieldsAsync(Action check)
    {
        var problem = Assert.Throws<ProblemException>(check).Problem;
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { Response = { Body = new MemoryStream() } };
        await problem.ExecuteAsync(context);
        Assert.Equal(400, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var body = await System.Text.Json.JsonSerializer.DeserializeAsync<System.Text.Json.JsonElement>(context.Response.Body);
        return body.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
    }
}
