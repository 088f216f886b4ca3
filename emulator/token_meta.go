package emulator

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// tokenMeta is the little the emulator needs to understand of a token; the
// rest of the token is opaque JSON.
type tokenMeta struct {
	id        string
	createdAt int64
	// expiresAt and revokedAt are 0 when absent, null or not a number.
	expiresAt int64
	revokedAt int64
	reach     teamReach
}

// readTokenMetas parses every token and checks that ids and createdAt values
// are present and unique.
func readTokenMetas(tokens []json.RawMessage) ([]tokenMeta, error) {
	metas := make([]tokenMeta, len(tokens))
	idAt := make(map[string]int, len(tokens))
	createdAtAt := make(map[int64]int, len(tokens))
	for i, raw := range tokens {
		m, err := readTokenMeta(raw)
		if err != nil {
			return nil, fmt.Errorf("token #%d: %w", i, err)
		}
		if first, dup := idAt[m.id]; dup {
			return nil, fmt.Errorf("tokens #%d and #%d share id %q", first, i, m.id)
		}
		if first, dup := createdAtAt[m.createdAt]; dup {
			return nil, fmt.Errorf("tokens #%d and #%d share createdAt %d (createdAt must be unique: list cursors are built from it)", first, i, m.createdAt)
		}
		idAt[m.id] = i
		createdAtAt[m.createdAt] = i
		metas[i] = m
	}
	return metas, nil
}

func readTokenMeta(raw json.RawMessage) (tokenMeta, error) {
	var fields struct {
		ID        json.RawMessage `json:"id"`
		CreatedAt json.RawMessage `json:"createdAt"`
		ExpiresAt json.RawMessage `json:"expiresAt"`
		RevokedAt json.RawMessage `json:"revokedAt"`
		Scopes    json.RawMessage `json:"scopes"`
	}
	if err := json.Unmarshal(raw, &fields); err != nil {
		return tokenMeta{}, fmt.Errorf("not a JSON object: %w", err)
	}
	var m tokenMeta
	if err := json.Unmarshal(fields.ID, &m.id); err != nil || m.id == "" {
		return tokenMeta{}, fmt.Errorf("missing or empty string \"id\" (got %s)", orAbsent(fields.ID))
	}
	createdAt, ok := integerMillis(fields.CreatedAt)
	if !ok {
		return tokenMeta{}, fmt.Errorf("token %s: \"createdAt\" must be an integer number of milliseconds (got %s)", m.id, orAbsent(fields.CreatedAt))
	}
	m.createdAt = createdAt
	m.expiresAt, _ = integerMillis(fields.ExpiresAt)
	m.revokedAt, _ = integerMillis(fields.RevokedAt)
	m.reach = readTeamReach(fields.Scopes)
	return m, nil
}

func integerMillis(raw json.RawMessage) (int64, bool) {
	n, err := strconv.ParseInt(string(raw), 10, 64)
	return n, err == nil
}

func orAbsent(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "nothing"
	}
	return string(raw)
}
