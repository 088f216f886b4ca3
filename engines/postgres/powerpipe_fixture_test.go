package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// fixtureToken is a token of a fixture as Vercel sends it: times in
// milliseconds, absent when not set.
type fixtureToken struct {
	ID, Type                                            string
	Origin, ProjectID                                   *string
	Scopes                                              *[]struct{ Type string }
	ActiveAt, CreatedAt, ExpiresAt, LeakedAt, RevokedAt *int64
}

func decodeFixtureTokens(t *testing.T, f *emulator.Fixture) []fixtureToken {
	t.Helper()
	tokens := make([]fixtureToken, len(f.Tokens))
	for i, raw := range f.Tokens {
		require.NoError(t, json.Unmarshal(raw, &tokens[i]))
		require.NotNil(t, tokens[i].CreatedAt, "token %s: createdAt", tokens[i].ID)
	}
	return tokens
}

// wholeDays is the whole days from one time in milliseconds to another,
// rounded down.
func wholeDays(from, to int64) int {
	d := to - from
	days := d / 86_400_000
	if d < 0 && d%86_400_000 != 0 {
		days--
	}
	return int(days)
}

// daysFrom is the whole days from ms to at.
func daysFrom(ms int64, at time.Time) int { return wholeDays(ms, at.UnixMilli()) }

func (tok fixtureToken) live(at time.Time) bool {
	return tok.RevokedAt == nil && (tok.ExpiresAt == nil || *tok.ExpiresAt > at.UnixMilli())
}

func (tok fixtureToken) hasScope(kind string) bool {
	return tok.Scopes != nil && slices.ContainsFunc(*tok.Scopes, func(s struct{ Type string }) bool { return s.Type == kind })
}

func (tok fixtureToken) idleDays(at time.Time) int {
	if tok.ActiveAt != nil {
		return daysFrom(*tok.ActiveAt, at)
	}
	return daysFrom(*tok.CreatedAt, at)
}

func (tok fixtureToken) scopeGroup() string {
	switch {
	case tok.Scopes == nil:
		return "Not sent"
	case len(*tok.Scopes) == 0:
		return "Empty"
	case tok.hasScope("user"):
		return "Whole account"
	case tok.ProjectID != nil:
		return "One project"
	case tok.hasScope("team"):
		return "Teams"
	}
	return "Other"
}

// bucket is the label of the last of bounds whose lower bound n reaches.
func bucket(n int, bounds []int, labels []string) string {
	label := ""
	for i, low := range bounds {
		if n >= low {
			label = labels[i]
		}
	}
	return label
}

func unusedLabel(days int) string { return fmt.Sprintf("Unused for %d days or more", days) }

func orNotSent(s *string) string {
	if s == nil {
		return "Not sent"
	}
	return *s
}

func expectedOverview(tokens []fixtureToken, at time.Time, unusedDays int) dashboardNumbers {
	want := dashboardNumbers{
		cards: map[string]int{"Tokens": len(tokens), "Live": 0, "Never expiring": 0, "Flagged as leaked": 0,
			unusedLabel(unusedDays): 0, "Whole account": 0},
		charts: map[string]map[string]int{"By type": {}, "By origin": {}, "By scope": {}, "By age": {}},
		tables: map[string]map[string]string{"Live tokens to act on": {}},
	}
	for _, tok := range tokens {
		if !tok.live(at) {
			continue
		}
		want.cards["Live"]++
		var findings []string
		if tok.LeakedAt != nil {
			want.cards["Flagged as leaked"]++
			findings = append(findings, "flagged as leaked")
		}
		if tok.ExpiresAt == nil {
			want.cards["Never expiring"]++
			findings = append(findings, "never expires")
		}
		if tok.hasScope("user") {
			want.cards["Whole account"]++
			findings = append(findings, "whole account")
		}
		if idle := tok.idleDays(at); idle >= unusedDays {
			want.cards[unusedLabel(unusedDays)]++
			findings = append(findings, "unused for "+strconv.Itoa(idle)+" days")
		}
		if findings != nil {
			want.tables["Live tokens to act on"][tok.ID] = strings.Join(findings, ", ")
		}
		want.charts["By type"][tok.Type]++
		want.charts["By origin"][orNotSent(tok.Origin)]++
		want.charts["By scope"][tok.scopeGroup()]++
		want.charts["By age"][bucket(daysFrom(*tok.CreatedAt, at), []int{0, 30, 90, 365},
			[]string{"< 30 days", "30–89 days", "90–364 days", "365 days or more"})]++
	}
	return want
}

var lastUseGroups = []string{"< 1 day", "1–29 days", "30–89 days", "90–364 days", "365 days or more"}

func expectedAgeReport(tokens []fixtureToken, at time.Time) dashboardNumbers {
	want := dashboardNumbers{
		cards:  map[string]int{"Live": 0, "Never used": 0},
		charts: map[string]map[string]int{},
		tables: map[string]map[string]string{"Live tokens by last use": {}},
	}
	for _, g := range lastUseGroups {
		want.cards[g] = 0
	}
	for _, tok := range tokens {
		if !tok.live(at) {
			continue
		}
		want.cards["Live"]++
		group := "Never used"
		if tok.ActiveAt != nil {
			group = bucket(daysFrom(*tok.ActiveAt, at), []int{0, 1, 30, 90, 365}, lastUseGroups)
		}
		want.cards[group]++
		want.tables["Live tokens by last use"][tok.ID] = group
	}
	return want
}

var expiryGroups = []string{"< 7 days", "7–29 days", "30–89 days", "90 days or more"}

func expectedExpiryReport(tokens []fixtureToken, at time.Time) dashboardNumbers {
	want := dashboardNumbers{
		cards:  map[string]int{"Never expires": 0, "Expired, not revoked": 0},
		charts: map[string]map[string]int{},
		tables: map[string]map[string]string{"Tokens by days to expiry": {}},
	}
	for _, g := range expiryGroups {
		want.cards[g] = 0
	}
	for _, tok := range tokens {
		if tok.RevokedAt != nil {
			continue
		}
		var group string
		switch {
		case tok.ExpiresAt == nil:
			group = "Never expires"
		case !tok.live(at):
			group = "Expired, not revoked"
		default:
			group = bucket(wholeDays(at.UnixMilli(), *tok.ExpiresAt), []int{0, 7, 30, 90}, expiryGroups)
		}
		want.cards[group]++
		want.tables["Tokens by days to expiry"][tok.ID] = group
	}
	return want
}
