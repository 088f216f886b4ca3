package main

import (
	"fmt"
	"strings"
)

// listedActions are the action list's rows the human formats show: every
// token not revoked, or with --min-severity those at least that severe.
func (r *report) listedActions() []tokenAction {
	if r.minSeverity == "" {
		return r.Actions
	}
	var shown []tokenAction
	for _, a := range r.Actions {
		if a.Severity != "" && a.Severity.AtLeast(r.minSeverity) {
			shown = append(shown, a)
		}
	}
	return shown
}

// newActions are the rows with an alarm the baseline does not have.
func newActions(list []tokenAction) []tokenAction {
	var fresh []tokenAction
	for _, a := range list {
		if a.New {
			fresh = append(fresh, a)
		}
	}
	return fresh
}

// actionHeader names the columns of actionCells.
var actionHeader = []string{"ACTION", "SEVERITY", "NEW", "CONNECTION", "OWNER", "TOKEN", "ID", "CREATED", "LAST USED", "EXPIRES", "TEAMS", "FAILING", "WHY"}

// actionCells are a row's cells for the table and Markdown, long text
// clipped; each format escapes them its way.
func actionCells(a tokenAction) []string {
	fresh := ""
	if a.New {
		fresh = "NEW"
	}
	return []string{
		a.Action.label(), string(a.Severity), fresh, clip(a.Connection, maxShownName), clip(a.Owner, maxShownName),
		actionTokenLabel(a), clip(a.ShortID, maxShownName), day(a.CreatedAt, ""), day(a.LastUsedAt, "never"), day(a.ExpiresAt, "never"),
		teamsLabel(a), strings.Join(a.Failing, ", "), clip(a.Reason, maxShownSentence),
	}
}

// actionTokenLabel is the token's name and the ends of its secret, clipped.
func actionTokenLabel(a tokenAction) string {
	return tokenLabel(result{Name: a.Name, Prefix: a.Prefix, Suffix: a.Suffix})
}

// day is the date of an RFC 3339 timestamp, or none.
func day(timestamp *string, none string) string {
	if timestamp == nil {
		return none
	}
	return (*timestamp)[:min(len(*timestamp), len("2006-01-02"))]
}

// teamsLabel names the teams a token reaches, clipped.
func teamsLabel(a tokenAction) string {
	if a.WholeAccount {
		return "whole account"
	}
	names := make([]string, len(a.Teams))
	for i, name := range a.Teams {
		names[i] = clip(name, maxShownName)
	}
	return clip(strings.Join(names, ", "), maxShownSentence)
}

// actionSummary counts the tokens and their actions in one line.
func actionSummary(r *report) string {
	byAction, fresh, live := actionCounts(r.Actions)
	parts := []string{fmt.Sprintf("%d tokens not revoked (%d live, %d expired)", len(r.Actions), live, len(r.Actions)-live)}
	for _, act := range actions {
		parts = append(parts, fmt.Sprintf("%d %s", byAction[act], act.label()))
	}
	if r.hasBaseline {
		parts = append(parts, fmt.Sprintf("%d new since the baseline", fresh))
	}
	return strings.Join(parts, ", ")
}
