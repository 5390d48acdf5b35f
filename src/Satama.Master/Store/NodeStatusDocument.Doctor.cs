using Satama.Master.Doctor;

namespace Satama.Master.Store;

internal sealed partial record NodeStatusDocument
{
    /// <summary>The node preflight's last findings (at registration or by satama node doctor); null before any.</summary>
    public DoctorDocument? Doctor { get; init; }
}
