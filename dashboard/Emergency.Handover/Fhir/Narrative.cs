using System.Net;
using Hl7.Fhir.Model;

namespace Emergency.Handover.Fhir;

/// <summary>Generated XHTML narrative: what a person reads when the receiving system shows the section as text.</summary>
public static class Narrative
{
    public static Hl7.Fhir.Model.Narrative Of(IEnumerable<string> lines)
    {
        var items = lines.Select(l => $"<li>{WebUtility.HtmlEncode(l)}</li>").ToList();
        var body = items.Count == 0 ? "<p>Nothing recorded.</p>" : $"<ul>{string.Concat(items)}</ul>";
        return new Hl7.Fhir.Model.Narrative
        {
            Status = Hl7.Fhir.Model.Narrative.NarrativeStatus.Generated,
            Div = $"<div xmlns=\"http://www.w3.org/1999/xhtml\">{body}</div>",
        };
    }
}
