namespace BankFunctions.Formats.Statements.Camt;

/// <summary>
/// Where a Bal or Ntry (and optionally one of its TxDtls) is, as written in errors and warnings, e.g.
/// "file.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[3] (line 42)/NtryDtls/TxDtls[2]". Kept as parts and only formatted
/// when a message needs it, since almost every entry is read without one.
/// </summary>
internal readonly record struct CamtLocation(string Statement, string Element, int Index, int Line, int Detail = 0)
{
    public CamtLocation InDetail(int detail) => this with { Detail = detail };

    public override string ToString() => Detail == 0
        ? $"{Statement}/{Element}[{Index}] (line {Line})"
        : $"{Statement}/{Element}[{Index}] (line {Line})/NtryDtls/TxDtls[{Detail}]";
}
