using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks;

/// <summary>
/// The outcome of a parse: the normalized stack (null only when the file could not be read as a stack at
/// all) and every diagnostic, errors first by position. A stack with errors must not be installed.
/// </summary>
public sealed record StackParseResult(StackSpec? Stack, IReadOnlyList<StackDiagnostic> Diagnostics)
{
    /// <summary>
    /// Kontena <c>to: vault</c>: secrets the install must write to the grid's vault (key to value), for example
    /// a generated database password, so that the next upgrade reads the same value back with <c>from: vault</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> VaultWrites { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Variables whose value came from a random generator (random_string, random_number, random_uuid), by name. A
    /// client that parses first sends them along as variables, so that the master renders the very same values.
    /// </summary>
    public IReadOnlyDictionary<string, string> Generated { get; init; } = new Dictionary<string, string>();

    /// <summary>Where each key path of the file was seen, and the file's name (see <see cref="ErrorAt"/>).</summary>
    internal IReadOnlyDictionary<string, YamlMark> Marks { get; init; } = new Dictionary<string, YamlMark>();

    internal string File { get; init; } = "";

    public bool Succeeded => Stack is not null && !Diagnostics.Any(d => d.IsError);

    /// <summary>
    /// An error at the position of the key <paramref name="path"/> (<c>services.web.cap_add[1]</c>), or of the nearest
    /// key above it the file has (a key a mapper derived, or one an <c>extends</c> brought in); checks made after the
    /// parse, on the mapped services, point at the file with it.
    /// </summary>
    public StackDiagnostic ErrorAt(string path, string message)
    {
        for (var key = path; key.Length > 0; key = Parent(key))
        {
            if (Marks.TryGetValue(key, out var mark))
            {
                return mark.Error(path, message);
            }
        }
        return new YamlMark(File, 0, 0).Error(path, message);
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut < 0 ? "" : path[..cut];
    }

    public IEnumerable<StackDiagnostic> Errors => Diagnostics.Where(d => d.Severity == StackSeverity.Error);

    public IEnumerable<StackDiagnostic> Warnings => Diagnostics.Where(d => d.Severity == StackSeverity.Warning);

    /// <summary>What only a master can check (vault references, service links), left unchecked offline.</summary>
    public IEnumerable<StackDiagnostic> Unchecked => Diagnostics.Where(d => d.Severity == StackSeverity.Info);
}
