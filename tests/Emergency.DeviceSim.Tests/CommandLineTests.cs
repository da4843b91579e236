using Emergency.DeviceSim.Cli;

namespace Emergency.DeviceSim.Tests;

public class CommandLineTests
{
    private static SimulationOptions Ok(params string[] args)
    {
        var result = CommandLine.Parse(args);
        Assert.Null(result.Error);
        Assert.False(result.ShowHelp);
        return Assert.IsType<SimulationOptions>(result.Options);
    }

    private static string Fails(params string[] args)
    {
        var result = CommandLine.Parse(args);
        Assert.Null(result.Options);
        return Assert.IsType<string>(result.Error);
    }

    [Fact]
    public void No_arguments_give_the_defaults()
    {
        var o = Ok();

        Assert.Equal("127.0.0.1", o.Host);
        Assert.Equal(1883, o.Port);
        Assert.Equal("sh", o.Region);
        Assert.Equal(20, o.Ambulances);
        Assert.Equal(200, o.Wearables);
        Assert.Equal(1.0, o.RateHz);
        Assert.Null(o.WearableRateHz);
        Assert.Null(o.Duration);
        Assert.Null(o.Seed);
        Assert.Null(o.Username);
        Assert.Null(o.Password);
        Assert.Equal(1.0, o.TimeScale);
        Assert.Equal(10_000, o.BufferCapacity);
        Assert.Equal(16, o.MaxConcurrentConnects);
        Assert.Equal(new SimulationOptions(), o);
    }

    [Fact]
    public void Every_option_is_applied()
    {
        var o = Ok(
            "--host", "broker.local", "--port", "8883", "--region", "bj", "--ambulances", "3", "--wearables", "0",
            "--rate", "2.5", "--wearable-rate", "0.2", "--duration", "90", "--seed", "-7", "--username", "sim",
            "--password", "secret", "--time-scale", "30", "--buffer", "500", "--buffer-policy", "drop-newest", "--max-connecting", "4");

        Assert.Equal("broker.local", o.Host);
        Assert.Equal(8883, o.Port);
        Assert.Equal("bj", o.Region);
        Assert.Equal(3, o.Ambulances);
        Assert.Equal(0, o.Wearables);
        Assert.Equal(2.5, o.RateHz);
        Assert.Equal(0.2, o.WearableRateHz);
        Assert.Equal(TimeSpan.FromSeconds(90), o.Duration);
        Assert.Equal(-7, o.Seed);
        Assert.Equal(Emergency.DeviceSim.Transport.BufferPolicy.DropNewest, o.BufferPolicy);
        Assert.Equal("sim", o.Username);
        Assert.Equal("secret", o.Password);
        Assert.Equal(30, o.TimeScale);
        Assert.Equal(500, o.BufferCapacity);
        Assert.Equal(4, o.MaxConcurrentConnects);
    }

    [Fact]
    public void Name_equals_value_form_is_accepted()
    {
        var o = Ok("--port=1884", "--rate=0.5", "--region=sh-east");

        Assert.Equal(1884, o.Port);
        Assert.Equal(0.5, o.RateHz);
        Assert.Equal("sh-east", o.Region);
    }

    [Theory]
    [InlineData("45", 45)]
    [InlineData("2.5", 2.5)]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("2h", 7200)]
    [InlineData("500ms", 0.5)]
    public void Durations_accept_seconds_and_units(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Ok("--duration", text).Duration);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void Help_is_recognised_anywhere(string flag)
    {
        Assert.True(CommandLine.Parse(["--port", "1", flag]).ShowHelp);
        Assert.Contains("--ambulances", CommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains("--duration", CommandLine.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "abc", "--port expects a whole number (got 'abc')")]
    [InlineData("--port", "70000", "port must be 1–65535")]
    [InlineData("--rate", "fast", "--rate expects a number (got 'fast')")]
    [InlineData("--rate", "0", "rate must be above 0")]
    [InlineData("--rate", "NaN", "--rate expects a number")]
    [InlineData("--ambulances", "-1", "ambulances must be 0–9999")]
    [InlineData("--duration", "soon", "--duration expects seconds")]
    [InlineData("--duration", "-5", "--duration expects seconds")]
    [InlineData("--region", "a/b", "region must be 1–64 characters")]
    [InlineData("--time-scale", "0", "time scale must be above 0")]
    [InlineData("--buffer", "0", "buffer capacity must be at least 1")]
    [InlineData("--buffer-policy", "keep-all", "--buffer-policy expects drop-oldest or drop-newest (got 'keep-all')")]
    public void Bad_values_give_a_clear_error(string name, string value, string expected)
    {
        Assert.StartsWith(expected, Fails(name, value), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_options_missing_values_and_stray_arguments_are_errors()
    {
        Assert.Equal("unknown option '--hots'", Fails("--hots", "x"));
        Assert.Equal("--port needs a value", Fails("--port"));
        Assert.Equal("--host needs a value", Fails("--host", "--port", "1"));
        Assert.Equal("unexpected argument 'extra'", Fails("extra"));
        Assert.Equal("at least one ambulance or wearable is needed", Fails("--ambulances", "0", "--wearables", "0"));
        Assert.Equal("a password needs a username", Fails("--password", "x"));
    }

    [Fact]
    public void Password_is_kept_out_of_the_options_text()
    {
        var text = Ok("--username", "u", "--password", "hunter2").ToString();

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Contains("Username = u", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_throws_with_the_problems()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SimulationOptions { Port = 0, RateHz = -1 }.Validate());

        Assert.Contains("port", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rate", ex.Message, StringComparison.Ordinal);
    }
}
