namespace Satama.Client.Dtos;

/// <summary>
/// A stack file as the master needs it to render the stack itself: the file, the files it references
/// (env_file, extends, depends, .env; by path relative to the stack file), and the values the client resolved.
/// </summary>
/// <param name="File">The stack file's name (positions in errors name it), e.g. "satama.yml".</param>
/// <param name="Text">The stack file's text.</param>
/// <param name="Name">--name: overrides the name in the file (install only; upgrade and diff take the stack's name).</param>
/// <param name="Files">Referenced files: relative path → text.</param>
/// <param name="Variables">--var values and answers to prompts: win over everything.</param>
/// <param name="Generated">Values the client generated (random_string …): an upgrade keeps the earlier revision's value instead.</param>
/// <param name="Environment">The client's environment variables the file read (interpolation, from: env).</param>
public sealed record StackFileRequest(
    string File,
    string Text,
    string? Name = null,
    IReadOnlyDictionary<string, string>? Files = null,
    IReadOnlyDictionary<string, string>? Variables = null,
    IReadOnlyDictionary<string, string>? Generated = null,
    IReadOnlyDictionary<string, string>? Environment = null);

/// <summary>Roll back to <paramref name="Revision"/>, or (null) to the revision before the current one.</summary>
public sealed record StackRollbackRequest(long? Revision = null);

/// <summary>
/// A stack: its current revision and its services (in start order) with their instances. State: running (every
/// instance runs), deploying (some do not yet), stopped (no instances wanted).
/// </summary>
public sealed record StackDto(
    string Grid,
    string Name,
    long Revision,
    string File,
    string? Description,
    string State,
    string Author,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    IReadOnlyList<ServiceDto> Services);

/// <summary>
/// What one service does in an install, upgrade, rollback or diff. Change: added, removed, changed (redeployed: its
/// containers are replaced), scaled (instances only) or unchanged; Fields: what changed (image, command, env, ports,
/// restart, instances).
/// </summary>
public sealed record StackServiceChangeDto(string Service, string Change, IReadOnlyList<string> Fields);

/// <summary>
/// The outcome of an install, upgrade or rollback (<see cref="Stack"/> set), or of a diff (<see cref="Stack"/> null:
/// nothing was changed). <see cref="Warnings"/>: the file's warnings and what the platform does not enforce yet.
/// </summary>
public sealed record StackChangeDto(
    string Name,
    long Revision,
    IReadOnlyList<StackServiceChangeDto> Changes,
    IReadOnlyList<string> Warnings,
    StackDto? Stack);

/// <summary>
/// One revision of a stack, kept for history and rollback. Action: install, upgrade, or rollback (then RolledBackTo
/// names the revision re-applied).
/// </summary>
public sealed record StackRevisionDto(
    long Revision,
    string Action,
    long? RolledBackTo,
    string File,
    string Author,
    DateTimeOffset Created,
    IReadOnlyList<string> Services);
