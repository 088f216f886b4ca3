package tokenwrite

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func text(s string) *string { return &s }

func TestInputNewToken(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	nt, err := Input{Name: text("ci"), ExpiresAt: text("2027-03-01T00:00:00Z"), Teams: text(`["team_a"]`), ProjectID: text("prj_1")}.NewToken(now)
	require.NoError(t, err)
	assert.Equal(t, "ci", nt.Name)
	assert.Equal(t, time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), nt.ExpiresAt)
	assert.Equal(t, "team_a", nt.Team)
	assert.Equal(t, "prj_1", nt.ProjectID)

	for layout, value := range map[string]string{"sqlite datetime()": "2027-03-01 00:00:00", "postgres": "2027-03-01 00:00:00+00:00", "date": "2027-03-01"} {
		nt, err := Input{Name: text("ci"), ExpiresAt: text(value)}.NewToken(now)
		require.NoError(t, err, layout)
		assert.Equal(t, time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), nt.ExpiresAt.UTC(), layout)
	}
	nt, err = Input{Name: text("laptop")}.NewToken(now)
	require.NoError(t, err)
	assert.True(t, nt.ExpiresAt.IsZero(), "no expires_at is a token that never expires")
}

func TestInputRefusesBadValues(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		in     Input
		column string
		says   string
	}{
		{"missing name", Input{}, "name", "missing or empty"},
		{"empty name", Input{Name: text("  ")}, "name", "missing or empty"},
		{"expiry in the past", Input{Name: text("n"), ExpiresAt: text("2026-11-30T00:00:00Z")}, "expires_at", "not in the future"},
		{"expiry not a timestamp", Input{Name: text("n"), ExpiresAt: text("next tuesday")}, "expires_at", "not a timestamp"},
		{"two teams", Input{Name: text("n"), Teams: text(`["team_a","team_b"]`)}, "team_ids", "names 2 teams"},
		{"teams not an array", Input{Name: text("n"), Teams: text(`"team_a"`)}, "team_ids", "JSON array"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.in.NewToken(now)
			var bad *InputError
			require.ErrorAs(t, err, &bad)
			assert.Equal(t, tc.column, bad.Column)
			assert.Contains(t, err.Error(), tc.says)
			assert.Contains(t, err.Error(), "no token was created")
		})
	}
}
