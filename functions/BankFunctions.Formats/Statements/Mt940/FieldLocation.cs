namespace BankFunctions.Formats.Statements.Mt940;

/// <summary>
/// Where the field being read starts, as warnings and errors name it ("file: line 12 (:61:)"). One instance is reused
/// for every field and turned into text only when a message is written, instead of formatting it for every field.
/// </summary>
internal sealed class FieldLocation(string file)
{
    public string File { get; } = file;
    public long Line { get; set; }
    public string Tag { get; set; } = "";

    public override string ToString() => $"{File}: line {Line} (:{Tag}:)";
}
