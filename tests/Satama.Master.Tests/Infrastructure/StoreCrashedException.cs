namespace Satama.Master.Tests.Infrastructure;

/// <summary>What <see cref="FailingStore"/> throws where the master would have died.</summary>
public sealed class StoreCrashedException() : Exception("the store failed here, as in a crash");
