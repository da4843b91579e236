using Emergency.DeviceSim.Cli;
using Emergency.DeviceSim.Transport;

namespace Emergency.DeviceSim.Tests;

/// <summary><c>--ecg-transport</c> and <c>--ecg-gateway</c>: how the simulator's ECG travels and where to.</summary>
public class EcgTransportOptionTests
{
    private static SimulationOptions Ok(params string[] args)
    {
        var result = CommandLine.Parse(args);
        Assert.Null(result.Error);
        return Assert.IsType<SimulationOptions>(result.Options);
    }

    private static string Fails(params string[] args)
    {
        var result = CommandLine.Parse(args);
        Assert.Null(result.Options);
        return Assert.IsType<string>(result.Error);
    }

    [Fact]
    public void The_ECG_goes_over_MQTT_unless_told_otherwise()
    {
        var o = Ok("--ecg", "2");

        Assert.Equal(EcgTransport.Mqtt, o.EcgTransport);
        Assert.Null(o.EcgGatewayHost);
        Assert.Null(o.EcgGatewayPort);
    }

    [Fact]
    public void Socket_mode_takes_the_gateway_host_and_port()
    {
        var o = Ok("--ecg", "2", "--ecg-transport", "socket", "--ecg-gateway", "gw.local:7443");

        Assert.Equal(EcgTransport.Socket, o.EcgTransport);
        Assert.Equal("gw.local", o.EcgGatewayHost);
        Assert.Equal(7443, o.EcgGatewayPort);
    }

    [Fact]
    public void A_bare_port_means_the_MQTT_host()
    {
        var o = Ok("--host", "10.0.0.5", "--ecg-transport=socket", "--ecg-gateway=7443");

        Assert.Null(o.EcgGatewayHost);
        Assert.Equal(7443, o.EcgGatewayPort);
    }

    [Fact]
    public void A_bracketed_IPv6_gateway_is_taken()
    {
        var o = Ok("--ecg-transport", "socket", "--ecg-gateway", "[::1]:7443");

        Assert.Equal("::1", o.EcgGatewayHost);
        Assert.Equal(7443, o.EcgGatewayPort);
    }

    [Fact]
    public void Mqtt_is_accepted_by_name()
    {
        Assert.Equal(EcgTransport.Mqtt, Ok("--ecg-transport", "mqtt").EcgTransport);
    }

    [Theory]
    [InlineData("--ecg-transport", "tcp", "--ecg-transport expects mqtt or socket (got 'tcp')")]
    [InlineData("--ecg-gateway", "gw.local", "--ecg-gateway expects host:port or a port (got 'gw.local')")]
    [InlineData("--ecg-gateway", "gw.local:0", "--ecg-gateway expects host:port or a port (got 'gw.local:0')")]
    [InlineData("--ecg-gateway", "gw.local:70000", "--ecg-gateway expects host:port or a port (got 'gw.local:70000')")]
    [InlineData("--ecg-gateway", ":7443", "--ecg-gateway expects host:port or a port (got ':7443')")]
    [InlineData("--ecg-gateway", "::1:7443", "--ecg-gateway expects host:port or a port (got '::1:7443')")]
    public void Bad_values_are_refused_with_a_clear_error(string option, string value, string error)
    {
        Assert.Equal(error, Fails(option, value));
    }

    [Fact]
    public void Socket_mode_without_a_gateway_is_refused()
    {
        Assert.Equal("the socket ECG transport needs the gateway's address (--ecg-gateway host:port)", Fails("--ecg-transport", "socket"));
    }

    [Theory]
    [InlineData("--ecg-transport")]
    [InlineData("--ecg-gateway")]
    public void A_missing_value_is_named(string option)
    {
        Assert.Equal($"{option} needs a value", Fails(option));
    }

    [Fact]
    public void Help_lists_both_options()
    {
        Assert.Contains("--ecg-transport <t>", CommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains("--ecg-gateway <h:p>", CommandLine.Usage, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_built_in_code_are_checked_too()
    {
        var errors = new SimulationOptions { EcgTransport = EcgTransport.Socket, EcgGatewayPort = 70_000 }.GetErrors();

        Assert.Contains("ECG gateway port must be 1–65535 (got 70000)", errors);
    }
}
