package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// dashboardScript measures, once the page's own script has run, what a
// person sees: the overflow, the cards, the rows shown, and the rows shown
// once the action filter asks for the tokens to revoke now.
const dashboardScript = overflowScript + `
window.addEventListener("load", function () {
  var visible = function () {
    return Array.prototype.filter.call(document.querySelectorAll("#actions tbody tr"), function (row) {
      return row.getClientRects().length > 0;
    }).length;
  };
  var b = document.body;
  document.querySelectorAll(".card").forEach(function (card) {
    b.setAttribute("data-" + card.id, card.querySelector("strong").textContent);
  });
  b.setAttribute("data-filters-shown", !document.getElementById("filters").hidden);
  b.setAttribute("data-rows-visible", visible());
  var action = document.getElementById("filter-action");
  action.value = "revoke_now";
  action.dispatchEvent(new Event("input"));
  b.setAttribute("data-revoke-visible", visible());
  b.setAttribute("data-shown-text", document.getElementById("shown").textContent);
});`

// measured reads an attribute dashboardScript wrote.
func measured(t *testing.T, dom, name string) string {
	t.Helper()
	m := regexp.MustCompile(`data-` + name + `="([^"]*)"`).FindStringSubmatch(dom)
	require.NotNil(t, m, "%s was not measured", name)
	return m[1]
}

// requireSelfContained checks the page fetches nothing and runs no inline
// handler, under a Content-Security-Policy.
func requireSelfContained(t *testing.T, page string) {
	t.Helper()
	require.Contains(t, page, `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-`)
	for _, external := range []string{"src=", "href=", "url(", "@import", "http-equiv=\"refresh"} {
		require.NotContains(t, page, external)
	}
	require.NotRegexp(t, `(?i)<[^>]*\son[a-z]+=`, page, "no inline event handler")
}

func TestDashboardShowsWhatTheDataSaysAtDesktopAndPhoneWidths(t *testing.T) {
	testapi.IsolateEnv(t)
	chromiumPath(t)
	// A thousand tokens, some new since a baseline of a third of them, one
	// alarm accepted.
	fixture := emulator.GenerateFixture(1000, 7)
	api := testapi.Start(t, fixture)
	at := emulator.FixtureEpoch().Format(time.RFC3339)
	first := runInProcess(t, "--config", api.HCL(), "--at", at, "--output", "json")
	require.Contains(t, []int{exitOK, exitFindings}, first.code, first.stderr)
	var accepted result
	for _, r := range decodeReport(t, first.stdout).Results {
		if r.Status == statusAlarm {
			accepted = r
			break
		}
	}
	require.NotEmpty(t, accepted.TokenID)
	exceptions := writeFile(t, "exceptions.json", `{"exceptions": [{"token_id": "`+accepted.TokenID+`", "control": "`+accepted.Control+`", "reason": "kept", "accepted_by": "alice", "until": "2027-01-01"}]}`)
	baseline := writeFile(t, "baseline.json", first.stdout)
	emptyBaseline := writeFile(t, "empty.json", `{"schema": "`+reportSchema+`", "results": []}`)

	args := []string{"--config", api.HCL(), "--at", at, "--exceptions", exceptions}
	for _, base := range []string{baseline, emptyBaseline} {
		data := runInProcess(t, append(args, "--baseline", base, "--output", "json")...)
		require.Contains(t, []int{exitOK, exitFindings}, data.code, data.stderr)
		r := decodeReport(t, data.stdout)
		byAction, fresh, live := map[action]int{}, 0, 0
		for _, a := range r.Actions {
			byAction[a.Action]++
			if a.New {
				fresh++
			}
			if a.Live {
				live++
			}
		}
		want := map[string]int{
			"card-tokens": 1000, "card-live": live, "card-revoke": byAction[actionRevoke], "card-rotate": byAction[actionRotate],
			"card-fresh": fresh, "card-accepted": r.Counts["accepted"],
		}
		require.Equal(t, 1, want["card-accepted"])
		require.Positive(t, want["card-revoke"])

		page := runInProcess(t, append(args, "--baseline", base, "--output", "html")...)
		require.Contains(t, []int{exitOK, exitFindings}, page.code, page.stderr)
		requireSelfContained(t, page.stdout)
		for _, a := range r.Actions {
			has(t, page.stdout, a.TokenID, "every row and its details are in the HTML, JavaScript or not")
		}
		for _, width := range []string{"1280,800", "390,844"} {
			dom := measuredDOM(t, page.stdout, width, dashboardScript)
			requireNoOverflow(t, dom, width)
			for card, n := range want {
				assert.Equal(t, strconv.Itoa(n), measured(t, dom, card), "%s at %s", card, width)
			}
			assert.Equal(t, "true", measured(t, dom, "filters-shown"), "the script ran")
			assert.Equal(t, strconv.Itoa(len(r.Actions)), measured(t, dom, "rows-visible"), width)
			assert.Equal(t, strconv.Itoa(byAction[actionRevoke]), measured(t, dom, "revoke-visible"), "the action filter, at %s", width)
			assert.Equal(t, strconv.Itoa(byAction[actionRevoke])+" of "+strconv.Itoa(len(r.Actions))+" tokens shown", measured(t, dom, "shown-text"))
		}
		if base == baseline {
			assert.Less(t, fresh, len(r.Actions), "the baseline knows some alarms")
			screenshot(t, page.stdout, "1280,800", "dashboard-desktop")
			screenshot(t, page.stdout, "390,844", "dashboard-phone")
		} else {
			assert.Positive(t, fresh)
		}
	}
}

func TestDashboardKeepsHostileTextEscapedAndTheLayoutWhole(t *testing.T) {
	testapi.IsolateEnv(t)
	page := hostileRunWith(t, startHostileAPI(t), "html").stdout
	requireSelfContained(t, page)
	hasNo(t, page, "<b>bold", "markup is escaped")
	has(t, page, strings.Repeat("W", maxShownName)+"…", "the long name is clipped")
	hasNo(t, page, strings.Repeat("W", maxShownSentence+1), "a reason quoting it too")
	has(t, page, `tok_hostile\x1b[2J\u202e`, "the id's controls are shown as escapes")
	for _, width := range []string{"1280,800", "390,844"} {
		requireNoOverflow(t, measuredDOM(t, page, width, overflowScript), width)
	}
	screenshot(t, page, "390,844", "hostile-phone")
}

func TestDashboardDetailsGiveEveryControlsReasonAndTheFixes(t *testing.T) {
	testapi.IsolateEnv(t)
	res := auditEdge(t, startEdgeAPI(t, "tok_unused_90"), "--output", "html")
	require.Equal(t, exitOK, res.code, res.stderr)
	start := strings.Index(res.stdout, "Token id tok_unused_90")
	require.Positive(t, start, "the token's details")
	details := res.stdout[start : start+strings.Index(res.stdout[start:], "</details>")]
	assert.Equal(t, len(edgeControls), strings.Count(details, "<li>"), "one line per control")
	assert.Contains(t, details, "<strong>unused</strong> alarm: not used since 2026-04-02 (90 days)")
	assert.Contains(t, details, "<strong>age</strong> ok: ")
	unused := strings.Index(details, "<strong>unused</strong>")
	assert.Contains(t, details[unused:], "Fix: Revoke", "an alarm's fix")
	assert.Equal(t, 1, strings.Count(details, "Fix: "), "no fix for what is ok")
}
