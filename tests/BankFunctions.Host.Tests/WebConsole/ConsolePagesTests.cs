using System.Text;
using BankFunctions.Host.Tests.Statements;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BankFunctions.Host.Tests.WebConsole;

/// <summary>
/// The treasury console in a real browser against the real host: each page renders the tenant's data, a payment goes
/// from the form through an approver's queue, field errors sit next to their fields, both languages, axe-core on each page.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsolePagesTests(HostFixture host, ChromiumFixture chromium, ITestOutputHelper output)
{
    private async Task<TestTenant> TenantWithStatementAsync()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        var file = StatementFiles.Camt(false, "DE89370400440532013000", "STMT-CONSOLE-1", 1000m,
            [new("REF-1", 234.56m, new DateOnly(2026, 11, 27), false, "E2E-CONSOLE-1")]);
        var (status, _, text) = await StatementImportApi.ImportAsync(admin, tenant.EurAccount, file);
        Assert.True(status == System.Net.HttpStatusCode.OK, text);
        return tenant;
    }

    [Fact]
    public async Task Accounts_show_balances_formatted_per_language_and_the_account_its_transactions()
    {
        var tenant = await TenantWithStatementAsync();
        await using var session = await ConsoleSession.OpenAsync(host, chromium, tenant, "all");
        var page = session.Page;

        await session.GoAsync("#/accounts", "Accounts");
        var eur = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Treasury EUR" });
        await Expect(eur).ToContainTextAsync("DE89370400440532013000");
        await Expect(eur).ToContainTextAsync("€1,234.56");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "财务 CNY" })).ToContainTextAsync("755915678810001");
        Assert.Equal("en", await page.EvalOnSelectorAsync<string>("html", "e => e.lang"));
        await session.AssertAccessibleAsync("accounts");
        await session.AssertFitsWidthAsync(1024, "accounts");
        await session.ScreenshotAsync("accounts", output);

        // A CNY payment: its amount as each locale writes yuan.
        using (var all = host.Client(tenant.Key("all")))
        {
            await HostFixture.PostJson(all, "v1/payments", new
            {
                debtorAccountId = tenant.CnyAccount, amount = new { currency = "CNY", value = "1234.56" },
                creditor = new { name = "深圳市供应商有限公司", accountNumber = "6225880112345678", bankCode = "308584000013" },
            }, "console-cny-1");
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Payments", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "深圳市供应商有限公司" })).ToContainTextAsync("CN¥1,234.56");
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();

        await page.GetByLabel("Language").SelectOptionAsync("zh");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "账户" })).ToBeVisibleAsync();
        Assert.Equal("zh-CN", await page.EvalOnSelectorAsync<string>("html", "e => e.lang"));
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Treasury EUR" })).ToContainTextAsync("€1,234.56");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "付款", Exact = true })).ToBeVisibleAsync();
        await session.AssertAccessibleAsync("accounts (中文)");
        await session.ScreenshotAsync("accounts-zh", output);
        await page.GetByRole(AriaRole.Link, new() { Name = "付款", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "深圳市供应商有限公司" })).ToContainTextAsync("¥1,234.56");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "深圳市供应商有限公司" })).Not.ToContainTextAsync("CN¥");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "深圳市供应商有限公司" })).ToContainTextAsync("待审批");
        await page.GetByRole(AriaRole.Link, new() { Name = "账户", Exact = true }).ClickAsync();
        // Remembered: a reload stays in Chinese although the browser asks for English.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "账户" })).ToBeVisibleAsync();
        await page.GetByLabel("语言").SelectOptionAsync("en");

        await page.GetByRole(AriaRole.Link, new() { Name = "Treasury EUR" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Account Treasury EUR" })).ToBeVisibleAsync();
        var transactions = page.GetByRole(AriaRole.Table, new() { Name = "Statement entries, newest first" });
        await Expect(transactions).ToContainTextAsync("€234.56");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Booked entries not settled in full" })).ToContainTextAsync("€234.56");
        await Expect(page.GetByText("No warnings.")).ToBeVisibleAsync();
        await session.AssertAccessibleAsync("account");
        await session.ScreenshotAsync("account", output);
    }

    [Fact]
    public async Task A_payment_from_the_form_is_listed_and_approved_by_a_second_person_from_the_queue()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        string paymentId;
        await using (var submitter = await ConsoleSession.OpenAsync(host, chromium, tenant, "all"))
        {
            var page = submitter.Page;
            await submitter.GoAsync("#/payments/new", "New payment");
            await page.GetByLabel("Debtor account").SelectOptionAsync(tenant.EurAccount);
            await Expect(page.Locator("#currency")).ToHaveTextAsync("EUR");
            await page.GetByLabel("Amount").FillAsync("1234.56");
            await page.GetByLabel("Creditor").FillAsync("Muster GmbH");
            await page.GetByLabel("IBAN").FillAsync("GB82 WEST 1234 5698 7654 32");
            await page.GetByLabel("BIC").FillAsync("NWBKGB2L");
            await page.GetByLabel("Remittance information").FillAsync("Invoice 42");
            // Keyboard: from the last text field, Tab reaches the submit button (through the date field's day, month and year).
            await page.GetByLabel("Remittance information").FocusAsync();
            var submit = page.GetByRole(AriaRole.Button, new() { Name = "Submit payment" });
            for (var presses = 0; presses < 6 && !await submit.EvaluateAsync<bool>("b => b === document.activeElement"); presses++)
            {
                await page.Keyboard.PressAsync("Tab");
            }
            await Expect(submit).ToBeFocusedAsync();
            await submitter.AssertAccessibleAsync("new payment");
        await submitter.AssertFitsWidthAsync(1024, "new payment");
            await submitter.ScreenshotAsync("new-payment", output);
            await page.Keyboard.PressAsync("Enter");

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, NameRegex = new System.Text.RegularExpressions.Regex("^Payment pay_") })).ToBeVisibleAsync();
            paymentId = (await page.Locator("h1").TextContentAsync())!["Payment ".Length..];
            await Expect(page.Locator(".facts")).ToContainTextAsync("€1,234.56");
            await Expect(page.Locator(".facts")).ToContainTextAsync("GB82WEST12345698765432");
            await Expect(page.GetByText("pending approval").First).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Every status the payment went through" })).ToContainTextAsync("pending approval");
            await submitter.AssertAccessibleAsync("payment");
        await submitter.AssertFitsWidthAsync(1024, "payment");
            await submitter.ScreenshotAsync("payment", output);

            await page.GetByRole(AriaRole.Link, new() { Name = "Payments", Exact = true }).ClickAsync();
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = paymentId });
            await Expect(row).ToContainTextAsync("Muster GmbH");
            await Expect(row).ToContainTextAsync("€1,234.56");
            await page.GetByLabel("Status").SelectOptionAsync("completed");
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await Expect(page.GetByText("No payments.")).ToBeVisibleAsync();
            await page.GetByLabel("Status").SelectOptionAsync("pending_approval");
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = paymentId })).ToBeVisibleAsync();
            await submitter.AssertAccessibleAsync("payments");
            await submitter.ScreenshotAsync("payments", output);
        }

        await using var approver = await ConsoleSession.OpenAsync(host, chromium, tenant, "approver2");
        var queue = approver.Page;
        await approver.GoAsync("#/approvals", "Approvals");
        var pending = queue.GetByRole(AriaRole.Row).Filter(new() { HasText = paymentId });
        await Expect(pending).ToContainTextAsync("€1,234.56");
        await Expect(pending).ToContainTextAsync(tenant.Keys["all"].Id);
        await Expect(pending).ToContainTextAsync("Treasury EUR");
        await approver.AssertAccessibleAsync("approvals");
        await approver.AssertFitsWidthAsync(1024, "approvals");
        await approver.ScreenshotAsync("approvals", output);
        await queue.GetByLabel($"Reason for {paymentId}").FillAsync("checked invoice");
        await pending.GetByRole(AriaRole.Button, new() { Name = $"Approve {paymentId}" }).ClickAsync();
        await Expect(queue.GetByRole(AriaRole.Status)).ToContainTextAsync($"{paymentId}: Approved.");
        await Expect(pending).ToHaveCountAsync(0);

        await queue.GotoAsync($"/console/#/payments/{paymentId}");
        await Expect(queue.Locator(".badge").First).Not.ToHaveTextAsync("pending approval");
        await Expect(queue.GetByRole(AriaRole.Table, new() { Name = "Approval levels" })).ToContainTextAsync(tenant.Keys["approver2"].Id);
    }

    [Fact]
    public async Task A_bad_iban_is_shown_next_to_its_field_with_the_api_s_message()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        await using var session = await ConsoleSession.OpenAsync(host, chromium, tenant, "all");
        var page = session.Page;
        await session.GoAsync("#/payments/new", "New payment");
        await page.GetByLabel("Debtor account").SelectOptionAsync(tenant.EurAccount);
        await page.GetByLabel("Amount").FillAsync("10.00");
        await page.GetByLabel("Creditor").FillAsync("Muster GmbH");
        await page.GetByLabel("IBAN").FillAsync("DE00123456789");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit payment" }).ClickAsync();

        var iban = page.GetByLabel("IBAN");
        await Expect(iban).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#err-iban")).ToHaveTextAsync("must be 22 characters for DE (got 13).");
        await Expect(iban).ToBeFocusedAsync();
        await Expect(page.Locator("#form-summary")).ToContainTextAsync("See errors for each field.");
        await Expect(page.GetByLabel("Amount")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await session.AssertAccessibleAsync("new payment with errors");
        await session.ScreenshotAsync("new-payment-errors", output);
    }

    [Fact]
    public async Task A_payroll_file_is_previewed_with_row_errors_then_submitted_and_approved_as_a_batch()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        await using var session = await ConsoleSession.OpenAsync(host, chromium, tenant, "all");
        var page = session.Page;
        await session.GoAsync("#/batches/new", "Batch or payroll upload");
        await page.GetByLabel("Debtor account").SelectOptionAsync(tenant.EurAccount);
        await page.GetByLabel("Kind").SelectOptionAsync("payroll");

        const string header = "creditorName,iban,bic,amount,remittanceInformation\r\n";
        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("bad.csv",
            header + "\"Doe, Jane\",GB82WEST12345698765432,NWBKGB2L,1500.00,\"Salary \"\"November\"\"\"\r\nMax Muster,DE00123,,12x,\r\n"));
        await Expect(page.GetByText("1 rows have problems")).ToBeVisibleAsync();
        var bad = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Max Muster" });
        await Expect(bad).ToContainTextAsync("amount must be a positive decimal with a dot");
        await Expect(bad).ToContainTextAsync("iban is not a valid IBAN");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Doe, Jane" })).ToContainTextAsync("Salary \"November\"");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit batch" })).ToBeDisabledAsync();

        // A name too long for the bank passes the browser's checks; the server's dry run (POST /v1/payment-batches/validate)
        // puts its items[1].creditor.name error on row 2 before anything is submitted.
        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("payroll.csv",
            header + "\"Doe, Jane\",GB82WEST12345698765432,NWBKGB2L,1500.00,Salary\r\n" + new string('M', 200) + ",DE89370400440532013000,,2000.50,Salary\r\n"));
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "MMMMMMMMMM" })).ToContainTextAsync("creditor.name:");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit batch" })).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Doe, Jane" }).Locator(".error")).ToHaveCountAsync(0);
        using (var viewer = host.Client(tenant.Key("viewer")))
        {
            var batches = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(viewer, "v1/payment-batches");
            Assert.Equal(0, batches.GetProperty("items").GetArrayLength()); // the dry run stored nothing
        }

        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("payroll.csv",
            header + "\"Doe, Jane\",GB82WEST12345698765432,NWBKGB2L,1500.00,Salary\r\nMax Muster,DE89370400440532013000,,2000.50,Salary\r\n"));
        await Expect(page.GetByRole(AriaRole.Status)).ToBeEmptyAsync();
        await Expect(page.Locator("#batch-checked")).ToHaveTextAsync("Checked by the server as it would be submitted: no problems; it needs 1 approval(s).");
        await Expect(page.GetByText("2 payments, total €3,500.50.")).ToBeVisibleAsync();
        await session.AssertAccessibleAsync("batch upload");
        await session.AssertFitsWidthAsync(1024, "batch upload");
        await session.ScreenshotAsync("batch", output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit batch" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 payments, pending approval.");
        var batchId = System.Text.RegularExpressions.Regex.Match(await page.GetByRole(AriaRole.Status).TextContentAsync() ?? "", @"Batch (\S+) submitted").Groups[1].Value;

        await using var approver = await ConsoleSession.OpenAsync(host, chromium, tenant, "approver2");
        await approver.GoAsync("#/approvals", "Approvals");
        var row = approver.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = batchId });
        await Expect(row).ToContainTextAsync("batch");
        await Expect(row).ToContainTextAsync("€3,500.50");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Approve {batchId}" }).ClickAsync();
        await Expect(approver.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{batchId}: Approved.");
    }

    [Fact]
    public async Task Admin_pages_show_the_audit_log_keys_webhooks_and_workflow()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        await using var session = await ConsoleSession.OpenAsync(host, chromium, tenant, "all");
        var page = session.Page;

        await session.GoAsync("#/audit", "Audit log");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Who did what, newest first" }).GetByRole(AriaRole.Row).Nth(1)).ToBeVisibleAsync();
        await session.AssertAccessibleAsync("audit");
        await session.ScreenshotAsync("audit", output);

        await session.GoAsync("#/api-keys", "API keys");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "approver2" })).ToContainTextAsync("viewer, approver");
        await page.GetByLabel("Key name").FillAsync("erp-export");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "viewer" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();
        await Expect(page.Locator("#key-created code")).ToContainTextAsync("bk_");
        var issued = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "erp-export" });
        await Expect(issued).ToContainTextAsync("viewer");
        await session.AssertAccessibleAsync("api keys");
        await session.AssertFitsWidthAsync(1024, "api keys");
        await session.ScreenshotAsync("api-keys", output);
        await issued.GetByRole(AriaRole.Button, new() { Name = "Revoke erp-export" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("revoked");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "erp-export" }).GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        await session.GoAsync("#/webhooks", "Webhooks");
        await Expect(page.GetByText("No webhook endpoints.")).ToBeVisibleAsync();
        await session.AssertAccessibleAsync("webhooks");

        // The workflow editor: levels as forms, every condition a labelled control.
        await session.GoAsync("#/workflow", "Approval workflow");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a level" }).ClickAsync();
        await Expect(page.Locator("#lvl-0-name")).ToBeFocusedAsync();
        await page.Locator("#lvl-0-name").FillAsync("AP managers");
        await page.Locator("#lvl-0-groups").FillAsync("AP managers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a level" }).ClickAsync();
        await page.Locator("#lvl-1-name").FillAsync("CFO office");
        await page.Locator("#lvl-1-groups").FillAsync("CFO office");
        await page.Locator("#lvl-1-currency").FillAsync("eur");
        await page.Locator("#lvl-1-minAmount").FillAsync("100000.0x");
        await page.Locator("#lvl-1-accounts").GetByLabel("Treasury EUR (EUR)").CheckAsync();
        await page.Locator("#lvl-1-kinds").GetByLabel("Payroll").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save workflow" }).ClickAsync();
        // The API's message lands beside the field; nothing was saved.
        await Expect(page.Locator("#lvl-1-minAmount")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#lvl-1-minAmount")).ToBeFocusedAsync();
        await page.Locator("#lvl-1-minAmount").FillAsync("100000.00");
        // Reordering keeps what was typed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Move level 2 up" }).ClickAsync();
        await Expect(page.Locator("#lvl-0-name")).ToHaveValueAsync("CFO office");
        await Expect(page.Locator("#lvl-0-minAmount")).ToHaveValueAsync("100000.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move level 1 down" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save workflow" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        var levels = page.GetByRole(AriaRole.Table, new() { Name = "Levels every payment passes, in order" });
        await Expect(levels.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("AP managers");
        await Expect(levels.GetByRole(AriaRole.Row).Filter(new() { HasText = "CFO office" })).ToContainTextAsync("currency: EUR; minAmount: 100000.00");
        await Expect(levels.GetByRole(AriaRole.Row).Filter(new() { HasText = "CFO office" })).ToContainTextAsync("kinds: payroll");
        await Expect(page.GetByText("Source: workflow")).ToBeVisibleAsync();
        await Expect(page.Locator("#lvl-1-accounts").GetByLabel("Treasury EUR (EUR)")).ToBeCheckedAsync();
        await session.AssertAccessibleAsync("workflow");
        await session.ScreenshotAsync("workflow", output);
    }

    [Fact]
    public async Task Without_a_session_the_console_offers_sign_in()
    {
        await using var session = await ConsoleSession.OpenAsync(host, chromium, null, "");
        await session.Page.GotoAsync("/console/#/payments");
        var signIn = session.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" });
        await Expect(signIn).ToHaveAttributeAsync("href", "/auth/sign-in?returnUrl=%2Fconsole%2F%23%2Fpayments");
        await session.AssertAccessibleAsync("sign-in");
        await session.ScreenshotAsync("sign-in", output);
    }

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };
}
