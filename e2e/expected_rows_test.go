package e2e

import (
	"encoding/json"
	"testing"
	"time"
)

// expectedRow computes, straight from a token's JSON in the fixture, the row
// the table must return. It is the test's own reading of the API contract,
// independent of the plugin's code.
func expectedRow(t testing.TB, raw json.RawMessage, currentID string) row {
	t.Helper()
	var tok map[string]any
	if err := json.Unmarshal(raw, &tok); err != nil {
		t.Fatalf("fixture token: %v", err)
	}
	r := row{
		"token_id":   tok["id"],
		"name":       tok["name"],
		"title":      tok["name"],
		"type":       tok["type"],
		"origin":     tok["origin"],
		"leaked_url": tok["leakedUrl"],
		"prefix":     tok["prefix"],
		"suffix":     tok["suffix"],
		"project_id": tok["projectId"],
		"is_current": tok["id"] == currentID,
		// A read never shows a secret: only the creating statement does.
		"bearer_token": nil,
	}
	for column, field := range map[string]string{"active_at": "activeAt", "created_at": "createdAt", "expires_at": "expiresAt", "leaked_at": "leakedAt", "revoked_at": "revokedAt"} {
		r[column] = millis(tok[field])
	}
	r["scopes"], r["scope_types"], r["team_ids"], r["sudo_origin"], r["sudo_expires_at"] = nil, nil, nil, nil, nil
	scopes, ok := tok["scopes"].([]any)
	if !ok {
		return r
	}
	types, teams := []any{}, []any{}
	seen := map[any]bool{}
	for _, s := range scopes {
		scope, _ := s.(map[string]any)
		kind, isString := scope["type"].(string)
		if isString && !seen[kind] {
			seen[kind] = true
			types = append(types, kind)
		}
		if teamID, ok := scope["teamId"].(string); ok && kind == "team" {
			teams = append(teams, teamID)
		}
		if sudo, ok := scope["sudo"].(map[string]any); ok && kind == "user" && r["sudo_origin"] == nil {
			r["sudo_origin"] = sudo["origin"]
			r["sudo_expires_at"] = millis(sudo["expiresAt"])
		}
	}
	r["scopes"], r["scope_types"], r["team_ids"] = scopes, types, teams
	return r
}

func millis(v any) any {
	f, ok := v.(float64)
	if !ok {
		return nil
	}
	return time.UnixMilli(int64(f)).UTC()
}

// comparable turns a row from the plugin into the shapes expectedRow uses:
// JSON columns decoded, everything else as it is.
func comparable(t testing.TB, r row) row {
	t.Helper()
	out := row{}
	for k, v := range r {
		if raw, ok := v.(json.RawMessage); ok {
			var decoded any
			if err := json.Unmarshal(raw, &decoded); err != nil {
				t.Fatalf("column %s is not JSON: %v", k, err)
			}
			v = decoded
		}
		out[k] = v
	}
	return out
}
