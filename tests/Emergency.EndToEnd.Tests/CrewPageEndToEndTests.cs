using System.Net;
using Emergency.EndToEnd.Tests.Infrastructure;

namespace Emergency.EndToEnd.Tests;

/// <summary>The crew view is served by the real host under its readable address, with the assets it loads.</summary>
[Collection(HostCollection.Name)]
public sealed class CrewPageEndToEndTests(HostFixture fx)
{
    private HostProcess Host => fx.Host;

    [Fact]
    public async Task Crew_view_of_a_unit_is_served_as_html_with_its_script_styles_and_stable_element_ids()
    {
        var page = await Host.Http.GetAsync("/crew/AMB-1");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("/js/crew.js", html);
        Assert.Contains("/css/crew.css", html);
        Assert.Contains("/lib/signalr/signalr.min.js", html);
        foreach (var id in new[] { "crew-unit", "crew-patient", "crew-news2", "crew-risk", "crew-destination", "crew-eta", "crew-ed-seen", "crew-alerts", "crew-age", "connection" })
        {
            Assert.Contains($"id=\"{id}\"", html);
        }
        Assert.Equal(HttpStatusCode.OK, (await Host.Http.GetAsync("/js/crew.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Host.Http.GetAsync("/css/crew.css")).StatusCode);
    }
}
