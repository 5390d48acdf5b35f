namespace Satama.Core.Model;

/// <summary>One ulimit of a container (Docker's names: nofile, nproc, core, ...); -1 is unlimited.</summary>
public sealed record UlimitSpec(string Name, long Soft, long Hard);
