using System.Globalization;
using System.Text.Json;
using Emergency.Domain.Geo;
using Emergency.Domain.Hospitals;

namespace Emergency.Domain.Dispatch;

/// <summary>
/// Reads a region file (hospitals and ambulance stations of one region), e.g.
/// <c>dashboard/Emergency.Dashboard/regions/sh.demo.json</c>.
/// </summary>
/// <remarks>
/// <para>Format (JSON, camelCase; fields not listed here are refused, so a misspelt field is an error, not a default):</para>
/// <code>
/// {
///   "region": "sh",                        required; 1–64 of A-Z a-z 0-9 - _ .
///   "name": "Shanghai",                    required
///   "timeZone": "Asia/Shanghai",           optional; an IANA (or Windows) id known to this machine
///   "demonstration": true,                 optional, default false: the data is made up
///   "note": "…",                           optional
///   "hospitals": [                         required, at least one
///     { "hospitalId": "H-01", "name": "…", "lat": 31.23, "lon": 121.47,
///       "capabilities": { "traumaLevel": 1, "pci24x7": true, "stroke": "thrombectomy", "burns": false,
///                         "paediatric": true, "obstetric": true },            traumaLevel may be null/0; the rest required
///       "capacity": { "resusBaysTotal": 4, "resusBaysFree": 1, "edBedsTotal": 40, "edBedsFree": 6,
///                     "icuBedsFree": 2, "orAvailable": true },                all required; checked by CapacityValidator
///       "status": { "state": "diversion", "reason": "…" } }                   optional (open); no "until" in a file
///   ],
///   "stations": [ { "stationId": "ST-01", "name": "…", "lat": 31.2, "lon": 121.4 } ]   optional
/// }
/// </code>
/// <para>
/// Every problem is reported, each naming the file, the entry (index and id) and the field:
/// <c>sh.demo.json: hospitals[3] (H-04): lat 95 outside -90..90</c>. Duplicate ids (within hospitals, within
/// stations) are refused, as are duplicate field names in one object.
/// </para>
/// </remarks>
public static class RegionFile
{
    /// <summary>Longest accepted name, in characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The id rule, shared with device and patient ids.</summary>
    public const string IdRule = "1–64 characters of A-Z a-z 0-9 - _ .";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Reads and validates the file at <paramref name="path"/>; messages name it by its file name.</summary>
    /// <exception cref="RegionFileException">The file cannot be read or is invalid.</exception>
    public static RegionData Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string source = Path.GetFileName(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RegionFileException([$"{source}: cannot read {path}: {ex.Message}"], ex);
        }

        return Parse(json, source);
    }

    /// <summary>Parses and validates region-file text; <paramref name="sourceName"/> prefixes every message.</summary>
    /// <exception cref="RegionFileException">The text is invalid.</exception>
    public static RegionData Parse(string json, string sourceName) =>
        TryParse(json, sourceName, out var data, out var errors) ? data : throw new RegionFileException(errors);

    /// <summary>Parses and validates region-file text without throwing.</summary>
    /// <returns>True with <paramref name="data"/> set and <paramref name="errors"/> empty, or false with every problem in <paramref name="errors"/>.</returns>
    public static bool TryParse(string json, string sourceName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RegionData? data, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        var list = new List<string>();
        errors = list;
        data = null;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            string where = ex.LineNumber is { } line
                ? Invariant($" at line {line + 1}, byte {ex.BytePositionInLine + 1}")
                : "";
            list.Add($"{sourceName}: not valid JSON{where}: {FirstSentence(ex.Message)}");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                list.Add($"{sourceName}: the file must hold one JSON object");
                return false;
            }

            var file = new Fields(root, $"{sourceName}: ", "", list);
            string? region = file.Id("region");
            string? name = file.Name("name");
            string? timeZoneId = file.String("timeZone", required: false);
            bool demonstration = file.Bool("demonstration", required: false) ?? false;
            string? note = file.String("note", required: false);
            var hospitalElements = file.Array("hospitals", required: true);
            var stationElements = file.Array("stations", required: false);
            file.RefuseUnknown("region", "name", "timeZone", "demonstration", "note", "hospitals", "stations");

            TimeZoneInfo? timeZone = null;
            if (timeZoneId is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out timeZone))
            {
                list.Add($"{sourceName}: timeZone \"{timeZoneId}\" is not a time zone known here");
            }

            if (hospitalElements is { Count: 0 })
            {
                list.Add($"{sourceName}: hospitals must not be empty");
            }

            var hospitals = ReadEntries(hospitalElements, "hospitals", "hospitalId", sourceName, list, ReadHospital);
            var stations = ReadEntries(stationElements, "stations", "stationId", sourceName, list, ReadStation);

            if (list.Count > 0)
            {
                return false;
            }

            data = new RegionData(sourceName, region!, name!, timeZone, demonstration, note, hospitals, stations);
            return true;
        }
    }

    /// <summary>Whether <paramref name="id"/> follows <see cref="IdRule"/>.</summary>
    public static bool IsValidId(string? id)
    {
        if (id is null || id.Length is 0 or > 64)
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static List<T> ReadEntries<T>(
        List<JsonElement>? elements, string arrayName, string idField, string source, List<string> errors,
        Func<Fields, T?> read)
        where T : class
    {
        var result = new List<T>();
        if (elements is null)
        {
            return result;
        }

        var firstIndexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            string entry = Invariant($"{arrayName}[{i}]");
            if (element.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{source}: {entry} must be an object");
                continue;
            }

            // Label the entry with its id when it has a readable one.
            string? id = element.TryGetProperty(idField, out var idElement) && idElement.ValueKind == JsonValueKind.String
                ? idElement.GetString()
                : null;
            string label = id is null ? entry : $"{entry} ({id})";
            int before = errors.Count;
            var fields = new Fields(element, $"{source}: {label}: ", "", errors);
            var value = read(fields);

            if (id is not null && IsValidId(id))
            {
                if (firstIndexById.TryGetValue(id, out int first))
                {
                    errors.Add(Invariant($"{source}: {label}: {idField} duplicates {arrayName}[{first}]"));
                }
                else
                {
                    firstIndexById[id] = i;
                }
            }

            if (value is not null && errors.Count == before)
            {
                result.Add(value);
            }
        }

        return result;
    }

    private static RegionHospital? ReadHospital(Fields f)
    {
        string? id = f.Id("hospitalId");
        string? name = f.Name("name");
        double? lat = f.Latitude("lat");
        double? lon = f.Longitude("lon");
        var capabilities = f.Object("capabilities", required: true) is { } c ? ReadCapabilities(c) : null;
        var capacity = f.Object("capacity", required: true) is { } k ? ReadCapacity(k) : null;
        var status = f.Object("status", required: false) is { } s ? ReadStatus(s) : EdStatus.Open;
        f.RefuseUnknown("hospitalId", "name", "lat", "lon", "capabilities", "capacity", "status");

        return id is null || name is null || lat is null || lon is null || capabilities is null || capacity is null || status is null
            ? null
            : new RegionHospital(id, name, lat.Value, lon.Value, capabilities, capacity, status);
    }

    private static HospitalCapabilities? ReadCapabilities(Fields f)
    {
        TraumaLevel? trauma = f.TraumaLevel("traumaLevel");
        bool? pci = f.Bool("pci24x7", required: true);
        StrokeCapability? stroke = null;
        if (f.String("stroke", required: true) is { } code)
        {
            if (StrokeCapabilityCodes.TryParse(code, out var parsed))
            {
                stroke = parsed;
            }
            else
            {
                f.Error($"{f.FieldPath("stroke")} \"{code}\" is not one of {StrokeCapabilityCodes.Codes}");
            }
        }

        bool? burns = f.Bool("burns", required: true);
        bool? paediatric = f.Bool("paediatric", required: true);
        bool? obstetric = f.Bool("obstetric", required: true);
        f.RefuseUnknown("traumaLevel", "pci24x7", "stroke", "burns", "paediatric", "obstetric");

        return trauma is null || pci is null || stroke is null || burns is null || paediatric is null || obstetric is null
            ? null
            : new HospitalCapabilities(trauma.Value, pci.Value, stroke.Value, burns.Value, paediatric.Value, obstetric.Value);
    }

    private static HospitalCapacity? ReadCapacity(Fields f)
    {
        int? resusTotal = f.Int("resusBaysTotal");
        int? resusFree = f.Int("resusBaysFree");
        int? edTotal = f.Int("edBedsTotal");
        int? edFree = f.Int("edBedsFree");
        int? icuFree = f.Int("icuBedsFree");
        bool? or = f.Bool("orAvailable", required: true);
        f.RefuseUnknown("resusBaysTotal", "resusBaysFree", "edBedsTotal", "edBedsFree", "icuBedsFree", "orAvailable");

        if (resusTotal is null || resusFree is null || edTotal is null || edFree is null || icuFree is null || or is null)
        {
            return null;
        }

        var capacity = new HospitalCapacity(resusTotal.Value, resusFree.Value, edTotal.Value, edFree.Value, icuFree.Value, or.Value);
        var problems = CapacityValidator.ValidateCapacity(capacity);
        foreach (var problem in problems)
        {
            f.Error(problem);
        }

        return problems.Count == 0 ? capacity : null;
    }

    private static EdStatus? ReadStatus(Fields f)
    {
        EdState? state = null;
        if (f.String("state", required: true) is { } code)
        {
            if (EdStateCodes.TryParse(code, out var parsed))
            {
                state = parsed;
            }
            else
            {
                f.Error($"{f.FieldPath("state")} \"{code}\" is not one of {EdStateCodes.Codes}");
            }
        }

        string? reason = f.String("reason", required: false);
        if (f.Has("until"))
        {
            f.Error($"{f.FieldPath("until")} is not allowed in a region file (a diversion listed there has no end)");
        }

        f.RefuseUnknown("state", "reason", "until");
        if (state is null)
        {
            return null;
        }

        var status = new EdStatus(state.Value, reason);
        var problems = CapacityValidator.ValidateStatus(status, now: null);
        foreach (var problem in problems)
        {
            f.Error(problem);
        }

        return problems.Count == 0 ? status : null;
    }

    private static AmbulanceStation? ReadStation(Fields f)
    {
        string? id = f.Id("stationId");
        string? name = f.Name("name");
        double? lat = f.Latitude("lat");
        double? lon = f.Longitude("lon");
        f.RefuseUnknown("stationId", "name", "lat", "lon");
        return id is null || name is null || lat is null || lon is null ? null : new AmbulanceStation(id, name, lat.Value, lon.Value);
    }

    // JsonException messages end with " LineNumber: 0 | BytePositionInLine: 18." or " Path: …", already given in our own words.
    private static string FirstSentence(string message)
    {
        foreach (var tail in (ReadOnlySpan<string>)[" LineNumber:", " Path:"])
        {
            int cut = message.IndexOf(tail, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.Trim();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads the fields of one JSON object, adding an error per problem.</summary>
    private sealed class Fields(JsonElement element, string entryPrefix, string fieldPrefix, List<string> errors)
    {
        /// <summary>The wire name of <paramref name="field"/> inside this object, e.g. <c>capabilities.stroke</c>.</summary>
        public string FieldPath(string field) => fieldPrefix + field;

        /// <summary>Adds an error for this entry; <paramref name="message"/> names its field in full.</summary>
        public void Error(string message) => errors.Add(entryPrefix + message);

        public bool Has(string field) => element.TryGetProperty(field, out _);

        public void RefuseUnknown(params string[] known)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                {
                    Error($"{FieldPath(property.Name)} is not a known field");
                }
            }
        }

        private bool TryGet(string field, bool required, out JsonElement value)
        {
            if (element.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null)
            {
                return true;
            }

            if (required)
            {
                Error($"{FieldPath(field)} missing");
            }

            return false;
        }

        public string? String(string field, bool required)
        {
            if (!TryGet(field, required, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Error($"{FieldPath(field)} must be a string");
                return null;
            }

            return value.GetString();
        }

        public string? Id(string field)
        {
            string? id = String(field, required: true);
            if (id is not null && !IsValidId(id))
            {
                Error($"{FieldPath(field)} \"{id}\" must be {IdRule}");
                return null;
            }

            return id;
        }

        public string? Name(string field)
        {
            string? name = String(field, required: true);
            if (name is null)
            {
                return null;
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                Error($"{FieldPath(field)} must not be empty");
                return null;
            }

            if (name.Length > MaxNameLength)
            {
                Error(Invariant($"{FieldPath(field)} longer than {MaxNameLength} characters ({name.Length})"));
                return null;
            }

            return name;
        }

        public bool? Bool(string field, bool required)
        {
            if (!TryGet(field, required, out var value))
            {
                return null;
            }

            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Error($"{FieldPath(field)} must be true or false");
                return null;
            }

            return value.GetBoolean();
        }

        public int? Int(string field)
        {
            if (!TryGet(field, required: true, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number))
            {
                Error($"{FieldPath(field)} must be a whole number");
                return null;
            }

            return number;
        }

        private double? Number(string field)
        {
            if (!TryGet(field, required: true, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
            {
                Error($"{FieldPath(field)} must be a number");
                return null;
            }

            return number;
        }

        public double? Latitude(string field)
        {
            double? lat = Number(field);
            if (lat is { } v && !GeoPoint.IsValidLatitude(v))
            {
                Error(Invariant($"{FieldPath(field)} {v} outside -90..90"));
                return null;
            }

            return lat;
        }

        public double? Longitude(string field)
        {
            double? lon = Number(field);
            if (lon is { } v && !GeoPoint.IsValidLongitude(v))
            {
                Error(Invariant($"{FieldPath(field)} {v} outside -180..180"));
                return null;
            }

            return lon;
        }

        public TraumaLevel? TraumaLevel(string field)
        {
            if (!element.TryGetProperty(field, out var value))
            {
                Error($"{FieldPath(field)} missing (use null for none)");
                return null;
            }

            if (value.ValueKind == JsonValueKind.Null)
            {
                return Hospitals.TraumaLevel.None;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number)
                && TraumaLevels.TryFromNumber(number, out var level))
            {
                return level;
            }

            Error($"{FieldPath(field)} {value.GetRawText()} is not 1, 2, 3, or null/0 for none");
            return null;
        }

        public Fields? Object(string field, bool required)
        {
            if (!TryGet(field, required, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                Error($"{FieldPath(field)} must be an object");
                return null;
            }

            return new Fields(value, entryPrefix, FieldPath(field) + ".", errors);
        }

        public List<JsonElement>? Array(string field, bool required)
        {
            if (!TryGet(field, required, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                Error($"{FieldPath(field)} must be an array");
                return null;
            }

            return value.EnumerateArray().ToList();
        }
    }
}
