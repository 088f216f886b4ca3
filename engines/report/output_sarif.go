package main

import (
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

// sarifLevels map severities to SARIF levels; securitySeverity gives GitHub
// code scanning its own severity scale (critical ≥ 9, high ≥ 7, medium ≥ 4).
var (
	sarifLevels      = map[severity]string{"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
	securitySeverity = map[severity]string{"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "1.0"}
	// sarifBaseline maps our baseline states to SARIF's.
	sarifBaseline = map[string]string{baselineNew: "new", baselineStillOpen: "unchanged"}
)

const (
	informationURI = "https://github.com/tokenaudit/steampipe-plugin-vercel/blob/main/docs/compliance.md"
	// fingerprintName keeps a finding one alert across runs in code scanning.
	fingerprintName = "vercelTokenFinding/v1"
)

// writeSARIF writes SARIF 2.1.0 for GitHub code scanning: one rule per
// control, one result per alarm. A token is no file, so each result points
// at a path naming it, vercel/CONNECTION/tokens/TOKEN_ID.
func writeSARIF(w io.Writer, r *report) error {
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	run := sarif.NewRunWithInformationURI(commandName, informationURI)
	for _, c := range r.controls {
		run.AddRule(c.ID).
			WithName(c.ID).
			WithShortDescription(sarif.NewMultiformatMessageString(c.Title)).
			WithFullDescription(sarif.NewMultiformatMessageString(c.Title + ". Anchors: " + c.Anchor + ".")).
			WithTextHelp(c.Remediation).
			WithHelpURI(informationURI + "#" + c.ID).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevels[c.Severity])).
			WithProperties(sarif.Properties{
				"security-severity": securitySeverity[c.Severity],
				"severity":          string(c.Severity),
				"tags":              []string{"security", "vercel", "token"},
			})
	}
	for _, res := range r.Results {
		if res.Status != statusAlarm {
			continue
		}
		uri := "vercel/" + pathSegment(res.Connection) + "/tokens/" + pathSegment(res.TokenID)
		result := run.CreateResultForRule(res.Control).
			WithLevel(sarifLevels[res.Severity]).
			WithMessage(sarif.NewTextMessage(sarifMessage(res))).
			WithLocations([]*sarif.Location{sarif.NewLocationWithPhysicalLocation(
				sarif.NewPhysicalLocation().
					WithArtifactLocation(sarif.NewSimpleArtifactLocation(uri)).
					WithRegion(sarif.NewSimpleRegion(1, 1)),
			)}).
			WithPartialFingerPrints(map[string]any{fingerprintName: findingFingerprint(res)})
		if state, ok := sarifBaseline[res.Baseline]; ok {
			result.WithBaselineState(state)
		}
		if res.accepted() {
			e := res.Exception
			result.AddSuppression(sarif.NewSuppression("external").
				WithStatus("accepted").
				WithJustifcation(fmt.Sprintf("%s (accepted by %s until %s)", e.Reason, e.AcceptedBy, e.Until)))
		}
	}
	log.AddRun(run)
	if err := log.PrettyWrite(w); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	return nil
}

// sarifMessage says what a result is about, its text from the API clipped
// and shown terminal-safe, as in the other formats people read.
func sarifMessage(r result) string {
	return display.Terminal(fmt.Sprintf("Token %s, id %s, connection %s: %s. %s",
		tokenLabel(r), clip(r.TokenID, maxShownName), clip(r.Connection, maxShownName), clip(r.Reason, maxShownSentence), r.Remediation))
}

// findingFingerprint is the connection, control and token id of a finding,
// each a path segment: no part can hold the "/" that separates them, so two
// findings never share one. Ordinary ids and names are left as they are,
// which keeps the fingerprints of earlier reports.
func findingFingerprint(r result) string {
	return pathSegment(r.Connection) + "/" + pathSegment(r.Control) + "/" + pathSegment(r.TokenID)
}

// pathSegment escapes s as one segment of a URI path, "." and ".." (which
// a URI resolver would take for the current and parent folders) included.
func pathSegment(s string) string {
	switch s {
	case ".", "..":
		return strings.ReplaceAll(s, ".", "%2E")
	}
	return url.PathEscape(s)
}
