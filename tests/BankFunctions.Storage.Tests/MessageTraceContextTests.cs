using System.Diagnostics;
using System.Text.Json;
using BankFunctions.Storage.Queues;
using Xunit;

namespace BankFunctions.Storage.Tests;

/// <summary>The W3C trace context in a queue message body: written by the sender, taken out again before the handler parses it.</summary>
public sealed class MessageTraceContextTests
{
    private const string Body = """{"tenantId":"t1","paymentId":"p-1","note":"货款 2026-11"}""";

    private static Activity Started(string? traceState = null)
    {
        var activity = new Activity("request");
        activity.SetIdFormat(ActivityIdFormat.W3C);
        activity.TraceStateString = traceState;
        return activity.Start();
    }

    [Fact]
    public void The_senders_traceparent_and_tracestate_travel_and_come_off_before_the_handler()
    {
        using var activity = Started("vendor=abc");

        var sent = MessageTraceContext.Attach(Body, activity);
        var (body, parent) = MessageTraceContext.Detach(sent);

        using (var document = JsonDocument.Parse(sent))
        {
            Assert.Equal(activity.Id, document.RootElement.GetProperty("traceparent").GetString());
            Assert.Equal("vendor=abc", document.RootElement.GetProperty("tracestate").GetString());
        }
        Assert.EndsWith(Body[1..], sent, StringComparison.Ordinal); // the original text unchanged, Chinese not escaped
        Assert.NotNull(parent);
        Assert.Equal(activity.TraceId, parent.Value.TraceId);
        Assert.Equal(activity.SpanId, parent.Value.SpanId);
        Assert.Equal("vendor=abc", parent.Value.TraceState);
        Assert.True(parent.Value.IsRemote);
        Assert.Equal(JsonDocument.Parse(Body).RootElement.EnumerateObject().Select(p => p.ToString()),
            JsonDocument.Parse(body).RootElement.EnumerateObject().Select(p => p.ToString()));
    }

    [Fact]
    public void An_empty_object_gets_only_the_traceparent()
    {
        using var activity = Started();

        var sent = MessageTraceContext.Attach("{}", activity);

        Assert.Equal($$"""{"traceparent":"{{activity.Id}}"}""", sent);
        Assert.Equal("{}", MessageTraceContext.Detach(sent).Body);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("""{"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01","a":1}""")]
    public void Bodies_that_are_not_objects_or_already_carry_a_trace_are_sent_as_they_are(string body)
    {
        using var activity = Started();

        Assert.Equal(body, MessageTraceContext.Attach(body, activity));
    }

    [Fact]
    public void Without_an_activity_the_body_is_sent_as_it_is()
    {
        Assert.Null(Activity.Current);

        Assert.Equal(Body, MessageTraceContext.Attach(Body, Activity.Current));
    }

    [Fact]
    public void A_message_without_trace_context_is_handed_over_unchanged_with_no_parent()
    {
        var (body, parent) = MessageTraceContext.Detach(Body);

        Assert.Same(Body, body);
        Assert.Null(parent);
    }

    [Theory]
    [InlineData("\"garbage\"")]
    [InlineData("\"00-00000000000000000000000000000000-b7ad6b7169203331-01\"")] // all-zero trace id is invalid
    [InlineData("\"00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01\"")] // all-zero span id is invalid
    [InlineData("\"00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01\"")] // upper case is invalid
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{\"x\":1}")]
    public void A_malformed_traceparent_is_ignored_and_still_taken_off(string traceParent)
    {
        var (body, parent) = MessageTraceContext.Detach($$"""{"traceparent":{{traceParent}},"tracestate":"a=b","tenantId":"t1"}""");

        Assert.Null(parent);
        Assert.Equal("""{"tenantId":"t1"}""", body);
    }

    [Fact]
    public void A_body_that_is_not_json_is_left_for_the_handler_to_reject()
    {
        var (body, parent) = MessageTraceContext.Detach("traceparent: not json");

        Assert.Equal("traceparent: not json", body);
        Assert.Null(parent);
    }
}
