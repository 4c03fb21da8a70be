using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static BankFunctions.Host.Tests.Statements.StatementFiles;

namespace BankFunctions.Host.Tests.Statements;

/// <summary>
/// A statement import is audited before anything is stored (its file's hash) and again with what it stored: entries
/// and audit rows live in different tables, so no single transaction can hold both (issue #20 §2).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ImportAuditTests(HostFixture host)
{
    [Fact]
    public async Task An_import_is_audited_before_it_stores_and_with_what_it_stored()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        var day = new DateOnly(2026, 11, 26);
        var file = Mt940("DE89370400440532013000", 1, 1000.00m, [new(day, -250.00m, "E2E0001", "BREF0001", "Invoice 4711")]);
        using (var content = new StringContent(file, Encoding.UTF8, "text/plain"))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"v1/accounts/{tenant.EurAccount}/statements", content)).StatusCode);
        }

        var audit = (await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000")).GetProperty("items").EnumerateArray().ToList();
        var started = Assert.Single(audit, a => a.GetProperty("action").GetString() == "statement.import-started");
        var imported = Assert.Single(audit, a => a.GetProperty("action").GetString() == "statement.imported");
        Assert.True(string.CompareOrdinal(started.GetProperty("id").GetString(), imported.GetProperty("id").GetString()) < 0);
        Assert.Equal(tenant.Keys["admin"].Id, started.GetProperty("actor").GetString());
        Assert.Equal(tenant.EurAccount, started.GetProperty("subject").GetString());
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(file)));
        var startedAfter = JsonDocument.Parse(started.GetProperty("after").GetString()!).RootElement;
        Assert.Equal(sha256, startedAfter.GetProperty("sha256").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount(file).ToString(CultureInfo.InvariantCulture), startedAfter.GetProperty("bytes").GetRawText());
        Assert.Equal(sha256, JsonDocument.Parse(imported.GetProperty("after").GetString()!).RootElement.GetProperty("sha256").GetString());
    }
}
