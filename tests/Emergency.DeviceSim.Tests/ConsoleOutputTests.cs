using Emergency.DeviceSim.Cli;

namespace Emergency.DeviceSim.Tests;

public class ConsoleOutputTests
{
    private static SimulationProgress At(double seconds, int connected = 220, string? error = null) =>
        new(TimeSpan.FromSeconds(seconds), 220, connected, 1000, 990, 980, 3, 10, 2, error);

    [Fact]
    public void Progress_line_shows_the_counters()
    {
        Assert.Equal(
            "[00:01:05] connected 220/220  sent 990  acked 980  refused 3  buffered 10  dropped 2",
            ConsoleProgress.Format(At(65)));
        Assert.EndsWith("(last connect error: refused)", ConsoleProgress.Format(At(1, connected: 0, error: "refused")), StringComparison.Ordinal);
        Assert.DoesNotContain("error", ConsoleProgress.Format(At(1, error: "old")), StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_terminal_the_line_is_rewritten_in_place()
    {
        var text = new StringWriter();
        var progress = new ConsoleProgress(text, interactive: true);
        progress.Report(At(1, connected: 0, error: "a long error message"));
        progress.Report(At(2));
        progress.Complete();

        var output = text.ToString();
        Assert.Equal(2, output.Count(c => c == '\r'));
        Assert.Single(output, c => c == '\n');
        var lines = output.Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines[0].Length, lines[1].TrimEnd('\n').Length); // padded over the longer previous line
    }

    [Fact]
    public void Redirected_output_gets_a_line_every_five_seconds_and_the_last_state()
    {
        var text = new StringWriter();
        var progress = new ConsoleProgress(text, interactive: false);
        for (var s = 1; s <= 12; s++)
        {
            progress.Report(At(s));
        }

        progress.Complete();

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["[00:00:01]", "[00:00:06]", "[00:00:11]", "[00:00:12]"], lines.Select(l => l[..10]));
        Assert.DoesNotContain('\r', text.ToString());
    }

    [Fact]
    public void Summary_lists_counts_and_top_reasons()
    {
        var summary = new SimulationSummary
        {
            Seed = 42,
            Ambulances = 20,
            Wearables = 200,
            Duration = TimeSpan.FromSeconds(60),
            DevicesConnected = 220,
            Generated = 13_300,
            Sent = 13_310,
            Acknowledged = 13_200,
            RefusedByBroker = 100,
            RejectsReceived = 7,
            TopRefusalReasons = [new("PayloadFormatInvalid", 100), new("seq not increasing", 7)],
            Dropped = 0,
            Unsent = 0,
            Reconnects = 3,
            ConnectFailures = 5,
        };

        var text = SummaryFormatter.Format(summary, new SimulationOptions());

        Assert.Contains("220 (20 ambulances, 200 wearables), seed 42", text, StringComparison.Ordinal);
        Assert.Contains("acknowledged   13,200 (220.0/s)", text, StringComparison.Ordinal);
        Assert.Contains("refused        107 (100 by the broker, 7 rejects-topic notices)", text, StringComparison.Ordinal);
        Assert.Contains("100  PayloadFormatInvalid", text, StringComparison.Ordinal);
        Assert.Contains("7  seq not increasing", text, StringComparison.Ordinal);
        Assert.Contains("duration       00:01:00.0", text, StringComparison.Ordinal);
        Assert.Equal(220.0, summary.AcknowledgedPerSecond);
        Assert.Equal(107, summary.Refused);
    }

    [Fact]
    public void Socket_mode_adds_the_ECG_socket_counters_to_the_progress_line_and_the_summary()
    {
        var ecg = new EcgSocketProgress(Connected: 2, Sent: 410, Acknowledged: 400, Refused: 1, ConnectFailures: 3, Reconnects: 4, Buffered: 9, Dropped: 0);

        Assert.EndsWith("  ecg socket: connected 2 sent 410 acked 400 refused 1 buffered 9",
            ConsoleProgress.Format(At(65) with { EcgSocket = ecg }), StringComparison.Ordinal);
        Assert.DoesNotContain("ecg socket", ConsoleProgress.Format(At(65)), StringComparison.Ordinal);

        var summary = new SimulationSummary
        {
            Seed = 1, Ambulances = 2, Wearables = 0, Duration = TimeSpan.FromSeconds(50), DevicesConnected = 2,
            Generated = 100, Sent = 100, Acknowledged = 100, RefusedByBroker = 0, RejectsReceived = 0,
            TopRefusalReasons = [], Dropped = 0, Unsent = 0, Reconnects = 0, ConnectFailures = 0,
            EcgSocket = ecg with { Buffered = 0 },
            EcgSocketLastConnectError = "ECG gateway 10.0.0.9:7443 refused the hello: device revoked",
        };
        var options = new SimulationOptions { EcgTransport = Transport.EcgTransport.Socket, EcgGatewayHost = "10.0.0.9", EcgGatewayPort = 7443 };
        var text = SummaryFormatter.Format(summary, options);

        Assert.Contains("ecg socket     gateway 10.0.0.9:7443: 410 frames sent, 400 acked, 1 refused, 0 dropped, 0 unsent; 4 reconnects, 3 failed connects", text, StringComparison.Ordinal);
        Assert.Contains("ecg last error ECG gateway 10.0.0.9:7443 refused the hello: device revoked", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ecg socket", SummaryFormatter.Format(summary with { EcgSocket = null }, options), StringComparison.Ordinal);
    }
}
