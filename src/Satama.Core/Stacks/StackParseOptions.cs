namespace Satama.Core.Stacks;

/// <summary>
/// Everything a parse needs from outside, injected so that the parser stays pure: no file system,
/// no environment, no clock, no ambient randomness.
/// </summary>
public sealed record StackParseOptions
{
    /// <summary><c>--name</c>: overrides the name in the file.</summary>
    public string? StackName { get; init; }

    /// <summary>
    /// The name when neither <c>--name</c> nor the file gives one: Compose names a project after the file's
    /// directory, which a caller with a file system knows (see <see cref="StackNames.FromDirectory"/>).
    /// </summary>
    public string? DefaultStackName { get; init; }

    public string Grid { get; init; } = "default";

    /// <summary>The value of <c>${PLATFORM}</c>.</summary>
    public string Platform { get; init; } = "satama";

    /// <summary><c>--var K=V</c>: win over everything else.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>The caller's environment variables (Compose interpolation, Kontena <c>from: env</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Reads a file named by <c>env_file</c>, <c>extends.file</c> or <c>depends</c>, given its path relative to the
    /// directory of the main stack file (already joined with the referring file's directory). Null: not found.
    /// </summary>
    public Func<string, string?>? ResolveFile { get; init; }

    /// <summary>
    /// Reads a secret of the grid's vault (a master passes one; offline it is null and vault references are
    /// noted as left unchecked). Null from the function: no such secret.
    /// </summary>
    public Func<string, string?>? Vault { get; init; }

    /// <summary>
    /// The names of the secrets in the grid's vault (a master passes them). When set, every service secret must name
    /// one of them, and an error lists what exists; null: checked through <see cref="Vault"/>, or left unchecked.
    /// </summary>
    public IReadOnlyCollection<string>? VaultSecrets { get; init; }

    /// <summary>Whether a person can be asked (<see cref="Prompt"/> is used only then).</summary>
    public bool Interactive { get; init; }

    public Func<StackVariablePrompt, string?>? Prompt { get; init; }

    /// <summary>
    /// Returns a uniformly random integer in [0, n). Generated secrets (random_string) come from here, so a
    /// host should pass <c>RandomNumberGenerator.GetInt32</c>; tests pass a seeded source.
    /// </summary>
    public Func<int, int>? Random { get; init; }
}
