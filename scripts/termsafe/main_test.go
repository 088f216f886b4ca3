package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFilterEscapesControlsButKeepsLines(t *testing.T) {
	var out bytes.Buffer
	in := "│ \x1b]8;;http://evil\x07link\x1b]8;;\x07 │\r\n│ rtl\u202eevil │\n│ tab\there\nlast line, no newline \x1b[2J"
	require.NoError(t, filter(strings.NewReader(in), &out))
	assert.Equal(t, `│ \x1b]8;;http://evil\x07link\x1b]8;;\x07 │\x0d`+"\n"+
		`│ rtl\u202eevil │`+"\n"+
		`│ tab\x09here`+"\n"+
		`last line, no newline \x1b[2J`, out.String())
}

func TestFilterPassesPlainTextUnchanged(t *testing.T) {
	var out bytes.Buffer
	in := "┌──────┐\n│ café │\n└──────┘\n"
	require.NoError(t, filter(strings.NewReader(in), &out))
	assert.Equal(t, in, out.String())
}
