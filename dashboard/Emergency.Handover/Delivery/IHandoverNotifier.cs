namespace Emergency.Handover.Delivery;

/// <summary>Told of every change of a delivery status (the host pushes it to the crew's and the ED's boards).</summary>
public interface IHandoverNotifier
{
    void Updated(HandoverStatus status);
}

/// <summary>Used when nothing pushes.</summary>
public sealed class NullHandoverNotifier : IHandoverNotifier
{
    public void Updated(HandoverStatus status) { }
}
