namespace Emergency.Domain.Patients;

/// <summary>The outcome of marking a patient seen by the receiving ED.</summary>
/// <remarks>HTTP mapping: Ok and AlreadySeen → 200, InvalidArgument → 400, UnknownPatient → 404, NoDestination and
/// NotTheDestination → 409 (the request is well formed; the patient's state does not allow it).</remarks>
public enum EdSeenStatus : byte
{
    /// <summary>Recorded now.</summary>
    Ok = 0,

    /// <summary>The destination's ED had already confirmed: nothing changed, the first confirmation stands.</summary>
    AlreadySeen = 1,

    /// <summary>An argument was unusable (the error names the field).</summary>
    InvalidArgument = 2,

    /// <summary>Nothing was ever received for the patient.</summary>
    UnknownPatient = 3,

    /// <summary>The patient has no destination hospital yet: no ED can have it as inbound.</summary>
    NoDestination = 4,

    /// <summary>The hospital named is not the patient's destination.</summary>
    NotTheDestination = 5,
}
