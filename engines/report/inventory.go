package main

import (
	"encoding/json"
	"slices"
	"time"
)

// tokenFacts is what the action list shows of a token besides the
// controls' verdicts: its dates and the teams it reaches.
type tokenFacts struct {
	Connection string
	TokenID    string
	Name       string
	Prefix     *string
	Suffix     *string
	CreatedAt  *time.Time
	ActiveAt   *time.Time
	ExpiresAt  *time.Time
	RevokedAt  *time.Time
	// TeamIDs are the teams its team scopes reach.
	TeamIDs []string
	// WholeAccount is a user scope: every team of the user.
	WholeAccount bool
}

// inventory collects, as the batches arrive, the facts of every token and
// the names of every connection's teams and owner. It keeps a few hundred
// bytes per token, whatever the number of controls.
type inventory struct {
	tokens []tokenFacts
	// teamNames is, per connection, each team's name by id.
	teamNames map[string]map[string]string
	// owners is each connection's user, as vercel_user names it.
	owners map[string]string
}

func newInventory() *inventory {
	return &inventory{teamNames: map[string]map[string]string{}, owners: map[string]string{}}
}

// add keeps the facts of a batch's tokens, the names of its teams and its
// owner: the user's username, or e-mail when it has none.
func (inv *inventory) add(b rowBatch) {
	user := columnReader(userColumns)
	for _, row := range b.Users {
		inv.owners[b.Connection] = firstText(user.text(row, "username"), user.text(row, "email"))
	}
	team := columnReader(teamColumns)
	for _, row := range b.Teams {
		if inv.teamNames[b.Connection] == nil {
			inv.teamNames[b.Connection] = map[string]string{}
		}
		id := team.text(row, "id")
		inv.teamNames[b.Connection][id] = firstText(team.text(row, "name"), team.text(row, "slug"), id)
	}
	token := columnReader(tokenColumns)
	for _, row := range b.Tokens {
		inv.tokens = append(inv.tokens, tokenFacts{
			Connection:   b.Connection,
			TokenID:      token.text(row, "token_id"),
			Name:         token.text(row, "name"),
			Prefix:       token.optionalText(row, "prefix"),
			Suffix:       token.optionalText(row, "suffix"),
			CreatedAt:    token.time(row, "created_at"),
			ActiveAt:     token.time(row, "active_at"),
			ExpiresAt:    token.time(row, "expires_at"),
			RevokedAt:    token.time(row, "revoked_at"),
			TeamIDs:      token.strings(row, "team_ids"),
			WholeAccount: slices.Contains(token.strings(row, "scope_types"), "user"),
		})
	}
}

// teams names the teams a token reaches, in the order of its scopes; a
// team the user no longer sees is shown by id.
func (inv *inventory) teams(f tokenFacts) []string {
	names := make([]string, len(f.TeamIDs))
	for i, id := range f.TeamIDs {
		names[i] = firstText(inv.teamNames[f.Connection][id], id)
	}
	return names
}

// columnReader reads a row of the plugin's values by column name.
type columnReader []string

func (c columnReader) value(row []any, column string) any {
	i := slices.Index(c, column)
	if i < 0 || i >= len(row) {
		return nil
	}
	return row[i]
}

func (c columnReader) text(row []any, column string) string {
	s, _ := c.value(row, column).(string)
	return s
}

// optionalText is nil for NULL.
func (c columnReader) optionalText(row []any, column string) *string {
	s, ok := c.value(row, column).(string)
	if !ok {
		return nil
	}
	return &s
}

func (c columnReader) time(row []any, column string) *time.Time {
	t, ok := c.value(row, column).(time.Time)
	if !ok {
		return nil
	}
	return &t
}

// strings reads a JSON array of strings; anything else is no strings.
func (c columnReader) strings(row []any, column string) []string {
	raw, _ := c.value(row, column).(json.RawMessage)
	var list []string
	if json.Unmarshal(raw, &list) != nil {
		return nil
	}
	return list
}

// firstText is the first non-empty text.
func firstText(texts ...string) string {
	for _, s := range texts {
		if s != "" {
			return s
		}
	}
	return ""
}
