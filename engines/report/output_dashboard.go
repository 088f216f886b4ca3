package main

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

var (
	//go:embed dashboard/dashboard.html.tmpl
	dashboardSource string
	//go:embed dashboard/dashboard.css
	dashboardCSS string
	//go:embed dashboard/dashboard.js
	dashboardJS string
)

// dashboardCSP allows the page's own style and script, by their hashes,
// and nothing else: no request of any kind, no inline handler.
var dashboardCSP = fmt.Sprintf("default-src 'none'; style-src '%s'; script-src '%s'; img-src 'none'; base-uri 'none'; form-action 'none'",
	cspHash(dashboardCSS), cspHash(dashboardJS))

func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// dashboardTemplate shows text from the API or a file clipped, with its
// control characters and bidirectional overrides as escapes, as on a
// terminal; html/template escapes the markup.
var dashboardTemplate = template.Must(template.New("dashboard").Funcs(template.FuncMap{
	"name":        func(s string) string { return display.Terminal(clip(s, maxShownName)) },
	"sentence":    func(s string) string { return display.Terminal(clip(s, maxShownSentence)) },
	"token":       func(a tokenAction) string { return display.Terminal(actionTokenLabel(a)) },
	"resultToken": func(r result) string { return display.Terminal(tokenLabel(r)) },
	"teams":       func(a tokenAction) string { return display.Terminal(teamsLabel(a)) },
	"label":       statusLabel,
	"note":        func(r result) string { return display.Terminal(clip(note(r), maxShownSentence)) },
	"conns":       func(r *report) string { return display.Terminal(connectionList(r)) },
	"day":         day,
	"deref":       deref,
	"join":        func(ids []string) string { return strings.Join(ids, ", ") },
}).Parse(dashboardSource))

// dashboardData is what the page shows.
type dashboardData struct {
	R           *report
	CSP         string
	CSS         template.CSS
	JS          template.JS
	Cards       []dashboardCard
	Charts      []dashboardChart
	Heading     string
	HasBaseline bool
	Rows, New   []dashboardRow
	Actions     []actionMeaning
	Severities  []severity
	Connections []string
	Teams       []string
	Controls    []control
}

type dashboardCard struct {
	Class, Label, Note string
	Value              int
}

type dashboardChart struct {
	Title string
	Bars  []dashboardBar
}

type dashboardBar struct {
	Label string
	Count int
	// Width is the bar's length, 0 to 100, the longest 100.
	Width int
}

type dashboardRow struct {
	A           tokenAction
	ActionLabel string
	ActionRank  int
	// SeverityRank sorts no severity last.
	SeverityRank int
	TeamsJSON    string
	Results      []result
}

type actionMeaning struct {
	ID, Label, Meaning string
}

// writeDashboard writes the action list as one self-contained HTML page:
// summary cards, charts of last use, age and expiry, the list with filters,
// search and sortable columns (JavaScript only filters and sorts: every row
// and detail is in the HTML), each token's results on demand, and the
// controls described once.
func writeDashboard(w io.Writer, r *report) error {
	listed := r.listedActions()
	data := dashboardData{
		R: r, CSP: dashboardCSP, CSS: template.CSS(dashboardCSS), JS: template.JS(dashboardJS),
		Cards: dashboardCards(r), Heading: actionListHeading(r), HasBaseline: r.hasBaseline,
		Severities: severities, Controls: r.controls,
	}
	now, err := time.Parse(time.RFC3339, r.EvaluatedAt)
	if err != nil {
		return fmt.Errorf("writing HTML: evaluation time %q: %w", r.EvaluatedAt, err)
	}
	data.Charts = dashboardCharts(r.Actions, now)
	for _, act := range actions {
		data.Actions = append(data.Actions, actionMeaning{ID: string(act), Label: act.label(), Meaning: actionMeanings[act]})
	}
	details, err := tokenDetails(r, listed)
	if err != nil {
		return err
	}
	connections, teams := map[string]bool{}, map[string]bool{}
	for _, a := range listed {
		row, err := newDashboardRow(a, details[[2]string{a.Connection, a.TokenID}])
		if err != nil {
			return err
		}
		data.Rows = append(data.Rows, row)
		if a.New {
			data.New = append(data.New, row)
		}
		connections[display.Terminal(clip(a.Connection, maxShownName))] = true
		for _, team := range a.Teams {
			teams[display.Terminal(clip(team, maxShownName))] = true
		}
	}
	data.Connections, data.Teams = sortedKeysOf(connections), sortedKeysOf(teams)
	if err := dashboardTemplate.Execute(w, data); err != nil {
		return fmt.Errorf("writing HTML: %w", err)
	}
	return nil
}

// tokenDetails are the results of the listed tokens, by connection and
// token id, each token's in report order.
func tokenDetails(r *report, listed []tokenAction) (map[[2]string][]result, error) {
	details := make(map[[2]string][]result, len(listed))
	for _, a := range listed {
		details[[2]string{a.Connection, a.TokenID}] = nil
	}
	for res, err := range r.read(tokenOrder) {
		if err != nil {
			return nil, fmt.Errorf("writing HTML: %w", err)
		}
		key := [2]string{res.Connection, res.TokenID}
		if _, listed := details[key]; listed {
			details[key] = append(details[key], res)
		}
	}
	return details, nil
}

func newDashboardRow(a tokenAction, results []result) (dashboardRow, error) {
	teams := make([]string, len(a.Teams))
	for i, team := range a.Teams {
		teams[i] = display.Terminal(clip(team, maxShownName))
	}
	encoded, err := json.Marshal(teams)
	if err != nil {
		return dashboardRow{}, fmt.Errorf("writing HTML: %w", err)
	}
	return dashboardRow{
		A: a, ActionLabel: a.Action.label(), ActionRank: a.Action.rank(), SeverityRank: severityRank(a.Severity),
		TeamsJSON: string(encoded), Results: results,
	}, nil
}

func sortedKeysOf(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// dashboardCards are the summary's counts.
func dashboardCards(r *report) []dashboardCard {
	tokens := 0
	for _, c := range r.Connections {
		tokens += c.Tokens
	}
	byAction, fresh, live := actionCounts(r.Actions)
	newCard := dashboardCard{Class: "fresh", Label: "new since the baseline", Value: fresh}
	if !r.hasBaseline {
		newCard.Note = "no --baseline given"
	}
	return []dashboardCard{
		{Class: "tokens", Label: "tokens", Value: tokens, Note: fmt.Sprintf("%d revoked", tokens-len(r.Actions))},
		{Class: "live", Label: "live", Value: live},
		{Class: "revoke", Label: "to revoke now", Value: byAction[actionRevoke]},
		{Class: "rotate", Label: "to rotate", Value: byAction[actionRotate]},
		newCard,
		{Class: "accepted", Label: "accepted exceptions", Value: r.Counts["accepted"]},
	}
}
