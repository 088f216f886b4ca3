package sqlscan

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitArgsKeepsNestingLiteralsAndComments(t *testing.T) {
	sql := "f(a, g(b, c), 'x, y)', \"q(\" /* ) */, 'it''s')tail"
	args, end, err := SplitArgs(sql, 1)
	require.NoError(t, err)
	assert.Equal(t, []string{"a", " g(b, c)", " 'x, y)'", " \"q(\" /* ) */", " 'it''s'"}, args)
	assert.Equal(t, "tail", sql[end:])

	_, _, err = SplitArgs("f(a, (b)", 1)
	assert.ErrorIs(t, err, ErrUnclosed)
}

func TestLiteralEnd(t *testing.T) {
	for sql, want := range map[string]int{
		"'a''b' x":    6,
		`"id" x`:      4,
		"-- c\nx":     4,
		"/* c */ x":   7,
		"'unclosed":   9,
		"plain":       0,
		"/* unclosed": 11,
	} {
		assert.Equal(t, want, LiteralEnd(sql, 0), "LiteralEnd(%q)", sql)
	}
}
