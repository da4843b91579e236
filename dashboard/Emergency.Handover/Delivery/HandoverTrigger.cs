namespace Emergency.Handover.Delivery;

/// <summary>Why a new version of the record is due, and whether it goes at once or after the debounce time.</summary>
public sealed record HandoverTrigger(string Reason, bool Immediate)
{
    public static readonly HandoverTrigger Destination = new("destination", true);
    public static readonly HandoverTrigger Arrival = new("arrival", true);
    public static readonly HandoverTrigger Identity = new("identity", true);
    public static readonly HandoverTrigger TransferOfCare = new("transfer-of-care", true);
    public static readonly HandoverTrigger RiskBand = new("news2-risk", false);
    public static readonly HandoverTrigger NewAlert = new("alert", false);
}
