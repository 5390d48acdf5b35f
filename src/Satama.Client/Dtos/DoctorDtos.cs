namespace Satama.Client.Dtos;

/// <summary>One check of the node preflight: level ok | warn | error, what was found, and the one-line fix (null when ok).</summary>
public sealed record DoctorFindingDto(string Check, string Level, string Message, string? Fix);

/// <summary>
/// The node preflight's findings: when they were made (the master's clock), on what occasion ("registration": the
/// agent's connect; "doctor": satama node doctor), the worst level, and one finding per check.
/// </summary>
public sealed record DoctorReportDto(
    string Node,
    string Grid,
    DateTimeOffset CheckedAt,
    string Source,
    string Level,
    IReadOnlyList<DoctorFindingDto> Findings);

public sealed partial record NodeDto
{
    /// <summary>The last preflight findings; null before the node's agent first connected with them.</summary>
    public DoctorReportDto? Doctor { get; init; }
}
