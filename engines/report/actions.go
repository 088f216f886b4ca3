package main

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

// action is what a person should do with a token, most urgent first.
type action string

const (
	actionRevoke  action = "revoke_now"
	actionRotate  action = "rotate"
	actionNarrow  action = "narrow"
	actionCleanUp action = "clean_up"
	actionReview  action = "review"
	actionKeep    action = "keep"
)

// actions in order of urgency: the action list is sorted this way.
var actions = []action{actionRevoke, actionRotate, actionNarrow, actionCleanUp, actionReview, actionKeep}

// actionMeanings say what to do for each action.
var actionMeanings = map[action]string{
	actionRevoke:  "revoke it today (Account Settings → Tokens, https://vercel.com/account/tokens): it leaked, or nobody used it for unused_days days; --output revoke-sql writes the statements",
	actionRotate:  "create a replacement that expires within the limits, move its users to it, then revoke this one",
	actionNarrow:  "replace it with a token scoped to the one team it needs (an integration: reinstall it for that team), then revoke this one",
	actionCleanUp: "delete it: it has expired, no longer works for a team it reaches, or shares its name with another live token",
	actionReview:  "look at it: a control could not judge it (no scope list) or reports a fact (an active multi-factor elevation)",
	actionKeep:    "nothing to do",
}

// label is the action as people read it.
func (a action) label() string { return strings.ReplaceAll(string(a), "_", " ") }

func (a action) rank() int { return slices.Index(actions, a) }

// anyControl matches every control in an actionRule.
const anyControl = "*"

// actionRule gives a token an action when one of its controls has status.
type actionRule struct {
	action  action
	control string
	status  string
	// why is the rule's reason, as docs/compliance.md gives it.
	why string
}

// actionRules decide each live (or expired, unrevoked) token's one action:
// the first rule that one of its results matches wins, and the action's
// reason is that result's. An alarm covered by an exception in force
// matches no rule. No rule matched: keep. docs/compliance.md has the same
// table.
var actionRules = []actionRule{
	{actionRevoke, "leaked", statusAlarm, "a compromised secret"},
	{actionRevoke, "unused", statusAlarm, "unused past the threshold: nobody needs it"},
	{actionRotate, "age", statusAlarm, "not rotated within `max_age_days`"},
	{actionRotate, "long_lived", statusAlarm, "expires too long after its creation"},
	{actionRotate, "no_expiry", statusAlarm, "never expires, yet in use (an unused one is revoked by rule 2)"},
	{actionNarrow, "whole_account", statusAlarm, "a `user` scope reaches the whole account"},
	{actionNarrow, "integration_whole_account", statusAlarm, "an integration with the whole account"},
	{actionCleanUp, "expired_not_revoked", statusAlarm, "expired: useless, clutters every audit"},
	{actionCleanUp, "team_invalidated", statusInfo, "no longer works for a team it reaches"},
	{actionCleanUp, "duplicate_name", statusAlarm, "cannot be told from its twin"},
	{actionReview, anyControl, statusAlarm, "`sudo_active`, or a control of `--controls`"},
	{actionReview, anyControl, statusInfo, "what a control could not judge, e.g. no scope list"},
}

// matches tells whether the rule applies to r.
func (rule actionRule) matches(r result) bool {
	if rule.control != anyControl && rule.control != r.Control {
		return false
	}
	return r.Status == rule.status && !r.accepted()
}

// tokenAction is one row of the action list: a token, what to do with it
// and why.
type tokenAction struct {
	Connection string   `json:"connection"`
	Owner      string   `json:"owner"`
	TokenID    string   `json:"token_id"`
	ShortID    string   `json:"short_id"`
	Name       string   `json:"name"`
	Prefix     *string  `json:"prefix"`
	Suffix     *string  `json:"suffix"`
	CreatedAt  *string  `json:"created_at"`
	LastUsedAt *string  `json:"last_used_at"`
	ExpiresAt  *string  `json:"expires_at"`
	Teams      []string `json:"teams"`
	// WholeAccount is a user scope: Teams are every team of the user.
	WholeAccount bool `json:"whole_account"`
	// Severity is the most severe control that alarms (unaccepted) or,
	// when none does, informs; "" when nothing does.
	Severity severity `json:"severity"`
	// Failing are the controls that alarm and nobody accepted, and the
	// one whose information decided the action.
	Failing []string `json:"failing"`
	// Accepted are the controls whose alarm an exception accepts.
	Accepted []string `json:"accepted"`
	Action   action   `json:"action"`
	Reason   string   `json:"reason"`
	// New is an alarm the baseline does not have.
	New bool `json:"new"`
	// Live is not expired (revoked tokens are not listed).
	Live bool `json:"live"`

	// rule is the index of the rule that decided, len(actionRules) for keep.
	rule int
	risk int64
}

// shortIDLength is how much of a token's id the action list shows.
const shortIDLength = 8

// shortID is the start of a token's id, enough to find it in a list.
func shortID(id string) string {
	n := 0
	for i := range id {
		if n == shortIDLength {
			return id[:i]
		}
		n++
	}
	return id
}

// buildActions gives every token that is not revoked one action, most
// urgent first. results, the alarms and info, come token by token
// (findingsByToken), each token's in report order: only one token's are
// held at a time. A token without any has nothing to act on.
func buildActions(results iter.Seq2[result, error], inv *inventory, now time.Time) ([]tokenAction, error) {
	facts := make(map[[2]string]int, len(inv.tokens))
	for i, f := range inv.tokens {
		facts[[2]string{f.Connection, f.TokenID}] = i
	}
	judged := make([]bool, len(inv.tokens))
	var list []tokenAction
	add := func(f tokenFacts, results []result) {
		if f.RevokedAt != nil {
			return
		}
		a := newTokenAction(f, inv, results)
		a.Live = f.ExpiresAt == nil || f.ExpiresAt.After(now)
		list = append(list, a)
	}
	var token []result
	flush := func() {
		if len(token) == 0 {
			return
		}
		if i, known := facts[[2]string{token[0].Connection, token[0].TokenID}]; known && !judged[i] {
			judged[i] = true
			add(inv.tokens[i], token)
		}
		token = token[:0]
	}
	for r, err := range results {
		if err != nil {
			return nil, err
		}
		if len(token) > 0 && (r.Connection != token[0].Connection || r.TokenID != token[0].TokenID) {
			flush()
		}
		token = append(token, r)
	}
	flush()
	for i, f := range inv.tokens {
		if !judged[i] {
			add(f, nil)
		}
	}
	slices.SortFunc(list, func(a, b tokenAction) int {
		return cmp.Or(
			cmp.Compare(a.Action.rank(), b.Action.rank()),
			cmp.Compare(severityRank(a.Severity), severityRank(b.Severity)),
			cmp.Compare(a.rule, b.rule),
			cmp.Compare(b.risk, a.risk),
			strings.Compare(a.Connection, b.Connection),
			strings.Compare(a.Name, b.Name),
			strings.Compare(a.TokenID, b.TokenID),
		)
	})
	return list, nil
}

// severityRank orders no severity after info.
func severityRank(s severity) int {
	if s == "" {
		return len(severities)
	}
	return s.Rank()
}

func newTokenAction(f tokenFacts, inv *inventory, results []result) tokenAction {
	a := tokenAction{
		Connection: f.Connection, Owner: inv.owners[f.Connection], TokenID: f.TokenID,
		ShortID: shortID(f.TokenID), Name: f.Name, Prefix: f.Prefix, Suffix: f.Suffix,
		CreatedAt: timestamp(f.CreatedAt), LastUsedAt: timestamp(f.ActiveAt), ExpiresAt: timestamp(f.ExpiresAt),
		Teams: inv.teams(f), WholeAccount: f.WholeAccount,
		Failing: []string{}, Accepted: []string{},
		Action: actionKeep, Reason: "no control alarms", rule: len(actionRules),
	}
	if f.WholeAccount {
		a.Teams = inv.allTeams(f.Connection)
	}
	var informing severity
	var decided result
	var accepted *result
	for _, r := range results {
		switch {
		case r.accepted():
			a.Accepted = append(a.Accepted, r.Control)
			if accepted == nil {
				accepted = &r
			}
		case r.Status == statusAlarm:
			a.Failing = append(a.Failing, r.Control)
			if a.Severity == "" || r.Severity.Rank() < a.Severity.Rank() {
				a.Severity = r.Severity
			}
			a.New = a.New || r.Baseline == baselineNew
		case r.Status == statusInfo:
			if informing == "" || r.Severity.Rank() < informing.Rank() {
				informing = r.Severity
			}
		}
		for i, rule := range actionRules[:a.rule] {
			if rule.matches(r) {
				a.rule, a.Action, a.Reason, a.risk = i, rule.action, r.Control+": "+r.Reason, r.risk
				decided = r
				break
			}
		}
	}
	if decided.Status == statusInfo {
		a.Failing = append(a.Failing, decided.Control)
	}
	if a.Severity == "" {
		a.Severity = informing
	}
	if a.Action == actionKeep && accepted != nil {
		e := accepted.Exception
		a.Reason = fmt.Sprintf("%s accepted: %s (by %s, until %s)", accepted.Control, e.Reason, e.AcceptedBy, e.Until)
	}
	return a
}

// allTeams names every team of a connection, in order of name.
func (inv *inventory) allTeams(connection string) []string {
	names := []string{}
	for _, name := range inv.teamNames[connection] {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// timestamp is t in the report's RFC 3339 form, nil for no time.
func timestamp(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := display.Timestamp(*t)
	return &s
}

// actionCounts counts the tokens of each action, the new ones and the
// live ones.
func actionCounts(list []tokenAction) (byAction map[action]int, fresh, live int) {
	byAction = map[action]int{}
	for _, a := range list {
		byAction[a.Action]++
		if a.New {
			fresh++
		}
		if a.Live {
			live++
		}
	}
	return byAction, fresh, live
}
