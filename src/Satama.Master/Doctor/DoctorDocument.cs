using System.Text.Json.Serialization;
using Satama.Core.Doctor;

namespace Satama.Master.Doctor;

/// <summary>The node preflight's findings as stored with the node, when they were made and on what occasion.</summary>
/// <param name="CheckedAt">The master's clock when the facts arrived.</param>
/// <param name="Source">"registration" (the agent's Hello) or "doctor" (satama node doctor).</param>
/// <param name="Findings">One per check, in <see cref="NodeDoctor.Diagnose"/>'s order.</param>
internal sealed record DoctorDocument(DateTimeOffset CheckedAt, string Source, IReadOnlyList<DoctorFinding> Findings)
{
    public const string Registration = "registration";
    public const string OnDemand = "doctor";

    [JsonIgnore]
    public DoctorLevel Level => NodeDoctor.Worst(Findings);
}
