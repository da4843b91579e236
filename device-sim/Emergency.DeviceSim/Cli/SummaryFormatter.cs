using System.Globalization;
using System.Text;

namespace Emergency.DeviceSim.Cli;

internal static class SummaryFormatter
{
    public static string Format(SimulationSummary s, SimulationOptions options)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("Simulation summary");
        text.AppendLine(c, $"  broker         {options.Host}:{options.Port}, region {options.Region}");
        text.AppendLine(c, $"  devices        {s.Devices} ({s.Ambulances} ambulances, {s.Wearables} wearables), seed {s.Seed}");
        text.AppendLine(c, $"  duration       {s.Duration:hh\\:mm\\:ss\\.f}");
        text.AppendLine(c, $"  connected      {s.DevicesConnected} of {s.Devices} devices at least once, {s.Reconnects} reconnects, {s.ConnectFailures} failed connects");
        if (s.LastConnectError is { } error)
        {
            text.AppendLine(c, $"  last error     {error}");
        }

        text.AppendLine(c, $"  generated      {s.Generated:N0} frames");
        text.AppendLine(c, $"  sent           {s.Sent:N0} publishes");
        text.AppendLine(c, $"  acknowledged   {s.Acknowledged:N0} ({s.AcknowledgedPerSecond:N1}/s)");
        text.AppendLine(c, $"  refused        {s.Refused:N0} ({s.RefusedByBroker:N0} by the broker, {s.RejectsReceived:N0} rejects-topic notices)");
        foreach (var reason in s.TopRefusalReasons)
        {
            text.AppendLine(c, $"    {reason.Count,10:N0}  {reason.Reason}");
        }

        text.AppendLine(c, $"  dropped        {s.Dropped:N0} (store-and-forward buffer full)");
        text.AppendLine(c, $"  unsent         {s.Unsent:N0} (still buffered at the end)");
        if (s.EcgSocket is { } ecg)
        {
            text.AppendLine(c, $"  ecg socket     gateway {options.EcgGatewayHost ?? options.Host}:{options.EcgGatewayPort}: {ecg.Sent:N0} frames sent, {ecg.Acknowledged:N0} acked, {ecg.Refused:N0} refused, {ecg.Dropped:N0} dropped, {ecg.Buffered:N0} unsent; {ecg.Reconnects} reconnects, {ecg.ConnectFailures} failed connects");
            if (s.EcgSocketLastConnectError is { } ecgError)
            {
                text.AppendLine(c, $"  ecg last error {ecgError}");
            }
        }

        return text.ToString();
    }
}
