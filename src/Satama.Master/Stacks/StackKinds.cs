using System.Globalization;

namespace Satama.Master.Stacks;

/// <summary>The store rows of stacks: one "stack" row per (grid, name), one "stack-revision" row per revision.</summary>
internal static class StackKinds
{
    public const string Stack = "stack";

    /// <summary>Named "STACK@N".</summary>
    public const string Revision = "stack-revision";

    /// <summary>Until users and roles exist, every change is made by the admin token.</summary>
    public const string Author = "admin";

    public static string RevisionName(string stack, long revision) => string.Create(CultureInfo.InvariantCulture, $"{stack}@{revision}");
}
