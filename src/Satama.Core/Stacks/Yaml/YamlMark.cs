namespace Satama.Core.Stacks.Yaml;

/// <summary>A 1-based position in one file.</summary>
internal readonly record struct YamlMark(string File, int Line, int Column)
{
    public StackDiagnostic Error(string path, string message) => new(File, Line, Column, path, StackSeverity.Error, message);

    public StackDiagnostic Warning(string path, string message) => new(File, Line, Column, path, StackSeverity.Warning, message);

    public StackDiagnostic Info(string path, string message) => new(File, Line, Column, path, StackSeverity.Info, message);
}
