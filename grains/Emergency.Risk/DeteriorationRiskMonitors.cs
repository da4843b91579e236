using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Risk;

/// <summary>
/// Hands each patient grain activation its own <see cref="DeteriorationRiskMonitor"/>. Loads the model once, on first
/// use; a model that cannot be loaded is logged as an error, counted in <see cref="LoadFailure"/>, and patients are
/// then served without a risk estimate (the vital-sign scores and their alerts go on unchanged).
/// </summary>
public sealed class DeteriorationRiskMonitors
{
    private readonly RiskOptions _options;
    private readonly ILogger<DeteriorationRiskMonitors> _logger;
    private readonly Lazy<RiskModel?> _model;

    public DeteriorationRiskMonitors(IOptions<RiskOptions> options, ILogger<DeteriorationRiskMonitors> logger)
    {
        _options = options.Value;
        _logger = logger;
        _model = new Lazy<RiskModel?>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Why the model could not be loaded; null when it was (or risk is disabled).</summary>
    public string? LoadFailure { get; private set; }

    /// <summary>The loaded model, or null when disabled or not loadable.</summary>
    public RiskModel? Model => _options.Enabled ? _model.Value : null;

    public DeteriorationRiskMonitor Create()
    {
        if (Model is not { } model)
        {
            return DeteriorationRiskMonitor.Off;
        }
        var threshold = _options.AlertThreshold ?? model.Manifest.AlertThreshold;
        return new DeteriorationRiskMonitor(model.CreateScorer(), _options, threshold);
    }

    private RiskModel? Load()
    {
        var file = string.IsNullOrWhiteSpace(_options.ModelFile) ? RiskOptions.ShippedModelFile : _options.ModelFile;
        try
        {
            var model = RiskModel.Load(file);
            _logger.LogInformation("Deterioration-risk model {Version} loaded from {File} ({TrainedOn}; {ClinicalUse})",
                model.Manifest.ModelVersion, file, model.Manifest.TrainedOn, model.Manifest.ClinicalUse);
            return model;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            LoadFailure = e.Message;
            _logger.LogError(e, "Deterioration-risk model could not be loaded from {File}; patients are served without a risk estimate", file);
            return null;
        }
    }
}
