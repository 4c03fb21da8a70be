using System.Text;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Reconciliation;

/// <summary>
/// RFC 4180 fields: quoted when they hold a comma, quote or line break. Free text that a spreadsheet would run as a
/// formula (starting with = + - @, tab or CR; OWASP "CSV injection") is prefixed with an apostrophe; amounts are not
/// free text and keep their sign.
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv";

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Text(string? value) =>
        Field(value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value);

    public static string Line(params string[] fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Length; i++)
        {
            line.Append(i == 0 ? "" : ",").Append(fields[i]);
        }
        return line.Append("\r\n").ToString();
    }

    /// <summary>Whether the caller's Accept prefers text/csv to JSON (by q-value; JSON wins ties and absent headers).</summary>
    public static bool Preferred(HttpRequest request)
    {
        double csv = 0, json = 0;
        foreach (var media in request.GetTypedHeaders().Accept)
        {
            var q = media.Quality ?? 1;
            if (media.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase))
            {
                csv = Math.Max(csv, q);
            }
            else if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, q);
            }
        }
        return csv > 0 && csv > json;
    }
}
