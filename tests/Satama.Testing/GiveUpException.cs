namespace Satama.Testing;

/// <summary>Thrown by a probe of <see cref="Eventually"/> when waiting longer cannot help (a process died).</summary>
public sealed class GiveUpException(string message) : Exception(message);
