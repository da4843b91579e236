namespace Emergency.Domain.Ecg.Wire;

/// <summary>A refused ECG frame: the reason as a stable code and a sentence a device's maintainer can act on.</summary>
public readonly record struct EcgRefusal(EcgRefusalReason Reason, string Text)
{
    public static EcgRefusal None { get; } = new(EcgRefusalReason.None, "");

    /// <summary>The snake_case code used on the rejects topic and in counters.</summary>
    public string Code => Reason switch
    {
        EcgRefusalReason.ShortHeader => "ecg_short_header",
        EcgRefusalReason.BadMagic => "ecg_bad_magic",
        EcgRefusalReason.UnsupportedVersion => "ecg_unsupported_version",
        EcgRefusalReason.BadLeadCount => "ecg_bad_lead_count",
        EcgRefusalReason.BadLeadId => "ecg_bad_lead_id",
        EcgRefusalReason.DuplicateLead => "ecg_duplicate_lead",
        EcgRefusalReason.BadSampleRate => "ecg_bad_sample_rate",
        EcgRefusalReason.BadSamplesPerLead => "ecg_bad_samples_per_lead",
        EcgRefusalReason.BadScale => "ecg_bad_scale",
        EcgRefusalReason.SampleCountMismatch => "ecg_sample_count_mismatch",
        EcgRefusalReason.BadCrc => "ecg_bad_crc",
        EcgRefusalReason.Oversize => "ecg_oversize",
        _ => "none",
    };
}
