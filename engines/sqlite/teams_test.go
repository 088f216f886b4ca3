package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// teamNames maps the fixture's member teams' ids to their names.
func teamNames(t *testing.T, a *api) map[string]string {
	t.Helper()
	names := map[string]string{}
	for _, team := range a.Fixture.Teams {
		raw, err := json.Marshal(team)
		if err != nil {
			t.Fatal(err)
		}
		var fields struct{ ID, Name string }
		if err := json.Unmarshal(raw, &fields); err != nil {
			t.Fatal(err)
		}
		names[fields.ID] = fields.Name
	}
	return names
}

func TestTeamRowsMatchTheFixture(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	sh := newShell(t)
	want := teamNames(t, a)
	rows := sh.query(a.configured(), "select id, name, limited, membership_role from vercel_team")
	if len(rows) != len(want) {
		t.Fatalf("%d team rows, want the fixture's %d member teams: %v", len(rows), len(want), rows)
	}
	for _, r := range rows {
		id, _ := r["id"].(string)
		if name, ok := want[id]; !ok || r["name"] != name {
			t.Errorf("row %v: the fixture has no member team %s named so", r, id)
		}
	}
	if n := a.Server.Count(emulator.EndpointTeams); n != 1 {
		t.Errorf("%d team list requests, want 1", n)
	}

	left := a.Fixture.LeftTeams[0]
	if rows := sh.query(a.configured(), "select id from vercel_team where id = "+sqlString(left.ID)); len(rows) != 0 {
		t.Errorf("the team the user left: %v, want no row", rows)
	}
	if rows := sh.query(a.configured(), "select name from vercel_team where slug = 'acme'"); len(rows) != 1 || rows[0]["name"] != "Acme" {
		t.Errorf("slug = 'acme': %v, want Acme", rows)
	}
	if n := a.Server.Count(emulator.EndpointTeam); n != 2 {
		t.Errorf("%d team get requests, want one per get", n)
	}
}

// The issue's "done when": a query says "token X of alice reaches teams
// Acme and …", checked against the fixture token by token.
func TestEachTokenOfAliceNamesTheTeamsItReaches(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	names := teamNames(t, a)
	want := map[string]string{}
	for _, raw := range a.Fixture.Tokens {
		var tok struct {
			ID        string
			Name      string
			RevokedAt *int64
			Scopes    []struct{ Type, TeamID string }
		}
		if err := json.Unmarshal(raw, &tok); err != nil {
			t.Fatal(err)
		}
		var teams []string
		for _, s := range tok.Scopes {
			if s.Type == "team" {
				teams = append(teams, names[s.TeamID])
			}
		}
		if len(teams) > 0 && tok.RevokedAt == nil {
			slices.Sort(teams)
			want[tok.ID] = "alice's token " + tok.Name + " reaches " + strings.Join(teams, ", ")
		}
	}
	if len(want) == 0 {
		t.Fatal("the fixture has no live token with a team scope: the test would prove nothing")
	}
	rows := newShell(t).query(a.configured(), `select t.token_id, u.username || '''s token ' || t.name || ' reaches ' || group_concat(tm.name, ', ') as sentence
from vercel_user as u
  cross join vercel_user_token as t
  join json_each(t.team_ids) as j
  left join vercel_team as tm on tm.id = j.value
where t.revoked_at is null
group by u.username, t.token_id, t.name`)
	got := map[string]string{}
	for _, r := range rows {
		sentence, _ := r["sentence"].(string)
		got[r["token_id"].(string)] = withTeamsSorted(sentence)
	}
	for id, sentence := range want {
		if got[id] != sentence {
			t.Errorf("token %s: got %q, want %q", id, got[id], sentence)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d sentences, want %d", len(got), len(want))
	}
}

func TestUserRowIsAlice(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	rows := newShell(t).query(a.configured(), "select username, email, limited, is_enterprise_managed, default_team_id from vercel_user")
	if len(rows) != 1 || rows[0]["username"] != "alice" || rows[0]["limited"] != float64(0) || rows[0]["default_team_id"] != a.Fixture.Teams[0].ID {
		t.Fatalf("vercel_user: %v, want alice's one full row", rows)
	}
}

// withTeamsSorted sorts the team names after " reaches ": SQLite 3.40's
// group_concat takes no order.
func withTeamsSorted(sentence string) string {
	head, teams, ok := strings.Cut(sentence, " reaches ")
	if !ok {
		return sentence
	}
	names := strings.Split(teams, ", ")
	slices.Sort(names)
	return head + " reaches " + strings.Join(names, ", ")
}
