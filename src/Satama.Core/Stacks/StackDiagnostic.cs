using System.Globalization;

namespace Satama.Core.Stacks;

/// <summary>
/// One problem found in a stack file, with its position (1-based line and column) and the key path
/// (<c>services.web.ports[1]</c>). User mistakes are values, never exceptions.
/// </summary>
public sealed record StackDiagnostic(string File, int Line, int Column, string Path, StackSeverity Severity, string Message)
{
    public bool IsError => Severity == StackSeverity.Error;

    /// <summary><c>file:line:column: key.path: message</c>; warnings and notes say so before the path.</summary>
    public override string ToString()
    {
        var prefix = Severity switch
        {
            StackSeverity.Warning => "warning: ",
            StackSeverity.Info => "note: ",
            _ => "",
        };
        var path = Path.Length == 0 ? "" : Path + ": ";
        return string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {prefix}{path}{Message}");
    }
}
