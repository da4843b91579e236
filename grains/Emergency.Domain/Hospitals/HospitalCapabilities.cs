namespace Emergency.Domain.Hospitals;

/// <summary>
/// What a hospital can treat, independent of how busy it is (that is <see cref="HospitalCapacity"/>).
/// Wire form: <c>{"traumaLevel":1,"pci24x7":true,"stroke":"thrombectomy","burns":false,"paediatric":true,"obstetric":true}</c>.
/// </summary>
/// <param name="TraumaLevel">Trauma centre level, or <see cref="Hospitals.TraumaLevel.None"/>.</param>
/// <param name="Pci24x7">Primary PCI (a catheterisation laboratory) available 24 hours a day, 7 days a week.</param>
/// <param name="Stroke">Acute stroke capability.</param>
/// <param name="Burns">A burns unit. Kept for the boards; no dispatch condition asks for it yet.</param>
/// <param name="Paediatric">Emergency care for children.</param>
/// <param name="Obstetric">An obstetric (delivery) unit.</param>
[GenerateSerializer, Immutable, Alias("Emergency.HospitalCapabilities")]
public sealed record HospitalCapabilities(
    [property: Id(0)] TraumaLevel TraumaLevel,
    [property: Id(1)] bool Pci24x7,
    [property: Id(2)] StrokeCapability Stroke,
    [property: Id(3)] bool Burns,
    [property: Id(4)] bool Paediatric,
    [property: Id(5)] bool Obstetric)
{
    /// <summary>A hospital with no specialist capability: an emergency department only.</summary>
    public static HospitalCapabilities EmergencyDepartmentOnly { get; } =
        new(TraumaLevel.None, Pci24x7: false, StrokeCapability.None, Burns: false, Paediatric: false, Obstetric: false);
}
