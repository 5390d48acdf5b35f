using Satama.Client.Dtos;
using Satama.Core.Stacks;

namespace Satama.Cli.Commands.Stack;

/// <summary>A stack file parsed here, the request that sends it to a master, and the values never to print.</summary>
internal sealed record LoadedStack(StackParseResult Result, StackFileRequest Request, IReadOnlySet<string> Secrets);
