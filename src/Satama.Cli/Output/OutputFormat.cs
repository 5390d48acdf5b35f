namespace Satama.Cli.Output;

/// <summary>--output: table for people, json and yaml for scripts (same shape as the REST API).</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Yaml,
}
