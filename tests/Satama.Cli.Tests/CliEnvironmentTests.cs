using Spectre.Console.Testing;

namespace Satama.Cli.Tests;

public sealed class CliEnvironmentTests
{
    [Fact]
    public void Config_path_is_satama_config_when_set()
    {
        var path = CliEnvironment.DefaultConfigPath(name => name == "SATAMA_CONFIG" ? "/tmp/x/config.yaml" : "/home/u");

        Assert.Equal("/tmp/x/config.yaml", path);
    }

    [Fact]
    public void Config_path_defaults_to_dot_config_under_home()
    {
        var path = CliEnvironment.DefaultConfigPath(name => name == "HOME" ? "/home/u" : null);

        Assert.Equal("/home/u/.config/satama/config.yaml", path);
    }

    [Theory]
    [InlineData("/srv/satama", "/srv/satama")]
    [InlineData(null, "/home/u/.local/share/satama")]
    public void Data_dir_is_satama_data_else_local_share(string? satamaData, string expected)
    {
        var environment = new CliEnvironment
        {
            Out = new TestConsole(),
            Error = TextWriter.Null,
            ConfigPath = "/dev/null",
            GetVariable = name => name switch { "SATAMA_DATA" => satamaData, "HOME" => "/home/u", _ => null },
        };

        Assert.Equal(expected, environment.DefaultDataDir());
    }
}
