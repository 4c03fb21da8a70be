using System.Text;

namespace BankFunctions.Bench.Parse;

/// <summary>
/// Makes a corpus file big enough to time: an MT940 file repeated (it is a sequence of messages anyway), a camt.053
/// with its Stmt element repeated inside one document. Both peers and we read exactly these files.
/// </summary>
internal static class Payloads
{
    public static int Write(string mt940, string camt053, string outDir, int megabytes)
    {
        Directory.CreateDirectory(outDir);
        var target = megabytes * 1024L * 1024L;

        var mtText = File.ReadAllText(mt940, Encoding.Latin1);
        if (!mtText.EndsWith('\n')) mtText += "\n";
        using (var writer = new StreamWriter(Path.Combine(outDir, "payload.mt940"), false, Encoding.Latin1))
        {
            for (long written = 0; written < target; written += mtText.Length) writer.Write(mtText);
        }

        var xml = File.ReadAllText(camt053, Encoding.UTF8);
        var start = xml.IndexOf("<Stmt>", StringComparison.Ordinal);
        var end = xml.LastIndexOf("</Stmt>", StringComparison.Ordinal) + "</Stmt>".Length;
        if (start < 0 || end < start) throw new InvalidOperationException("no <Stmt> in " + camt053);
        var statement = xml[start..end];
        using (var writer = new StreamWriter(Path.Combine(outDir, "payload.camt053.xml"), false, new UTF8Encoding(false)))
        {
            writer.Write(xml[..start]);
            for (long written = 0; written < target; written += statement.Length) writer.Write(statement);
            writer.Write(xml[end..]);
        }
        return 0;
    }
}
