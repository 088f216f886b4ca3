package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

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
	sarifVersion   = "2.1.0"
	sarifSchema    = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/main/sarif-2.1/schema/sarif-schema-2.1.0.json"
	informationURI = "https://github.com/tokenaudit/steampipe-plugin-vercel/blob/main/docs/compliance.md"
	// fingerprintName keeps a finding one alert across runs in code scanning.
	fingerprintName = "vercelTokenFinding/v1"
)

// The part of SARIF 2.1.0 the report writes. Optional fields are left out
// when empty: the schema allows no null.
type (
	sarifLog struct {
		Version string     `json:"version"`
		Schema  string     `json:"$schema"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool    sarifTool     `json:"tool"`
		Results []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string         `json:"id"`
		Name                 string         `json:"name"`
		ShortDescription     sarifText      `json:"shortDescription"`
		FullDescription      sarifText      `json:"fullDescription"`
		DefaultConfiguration sarifLevel     `json:"defaultConfiguration"`
		HelpURI              string         `json:"helpUri"`
		Help                 sarifText      `json:"help"`
		Properties           map[string]any `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifLevel struct {
		Level string `json:"level"`
	}
	sarifResult struct {
		RuleID              string             `json:"ruleId"`
		RuleIndex           int                `json:"ruleIndex"`
		Level               string             `json:"level"`
		Message             sarifText          `json:"message"`
		Locations           []sarifLocation    `json:"locations"`
		PartialFingerprints map[string]string  `json:"partialFingerprints"`
		Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
		BaselineState       string             `json:"baselineState,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region struct {
				StartLine int `json:"startLine"`
				EndLine   int `json:"endLine"`
			} `json:"region"`
		} `json:"physicalLocation"`
	}
	// sarifSuppression is an accepted alarm: an exception in force, kept
	// outside the analysed "files" (kind external).
	sarifSuppression struct {
		Kind          string `json:"kind"`
		Status        string `json:"status"`
		Justification string `json:"justification"`
	}
)

// writeSARIF writes SARIF 2.1.0 for GitHub code scanning: one rule per
// control, one result per alarm. A token is no file, so each result points
// at a path naming it, vercel/CONNECTION/tokens/TOKEN_ID.
func writeSARIF(w io.Writer, r *report) error {
	run := sarifRun{
		Tool:    sarifTool{Driver: sarifDriver{Name: commandName, InformationURI: informationURI, Rules: []sarifRule{}}},
		Results: []sarifResult{},
	}
	for _, c := range r.controls {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:                   c.ID,
			Name:                 c.ID,
			ShortDescription:     sarifText{c.Title},
			FullDescription:      sarifText{c.Title + ". Anchors: " + c.Anchor + "."},
			DefaultConfiguration: sarifLevel{sarifLevels[c.Severity]},
			HelpURI:              informationURI + "#" + c.ID,
			Help:                 sarifText{c.Remediation},
			Properties: map[string]any{
				"security-severity": securitySeverity[c.Severity],
				"severity":          string(c.Severity),
				"tags":              []string{"security", "vercel", "token"},
			},
		})
	}
	for res, err := range r.results() {
		if err != nil {
			return err
		}
		if res.Status == statusAlarm {
			run.Results = append(run.Results, newSARIFResult(r, res))
		}
	}
	out, err := json.MarshalIndent(sarifLog{Version: sarifVersion, Schema: sarifSchema, Runs: []sarifRun{run}}, "", "  ")
	if err == nil {
		_, err = w.Write(append(out, '\n'))
	}
	if err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	return nil
}

// newSARIFResult is an alarm as a SARIF result.
func newSARIFResult(r *report, res result) sarifResult {
	result := sarifResult{
		RuleID:              res.Control,
		RuleIndex:           slices.IndexFunc(r.controls, func(c control) bool { return c.ID == res.Control }),
		Level:               sarifLevels[res.Severity],
		Message:             sarifText{sarifMessage(res)},
		Locations:           make([]sarifLocation, 1),
		PartialFingerprints: map[string]string{fingerprintName: findingFingerprint(res)},
		BaselineState:       sarifBaseline[res.Baseline],
	}
	location := &result.Locations[0].PhysicalLocation
	location.ArtifactLocation.URI = "vercel/" + pathSegment(res.Connection) + "/tokens/" + pathSegment(res.TokenID)
	location.Region.StartLine, location.Region.EndLine = 1, 1
	if res.accepted() {
		e := res.Exception
		result.Suppressions = []sarifSuppression{{
			Kind:          "external",
			Status:        "accepted",
			Justification: fmt.Sprintf("%s (accepted by %s until %s)", e.Reason, e.AcceptedBy, e.Until),
		}}
	}
	return result
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
