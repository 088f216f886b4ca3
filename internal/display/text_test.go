package display

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestCSVCellNeutralisesFormulas(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://evil","x")`: `'=HYPERLINK("http://evil","x")`,
		"+1+1":                          "'+1+1",
		"-2+3":                          "'-2+3",
		"@SUM(A1)":                      "'@SUM(A1)",
		"\tcmd":                         "'\tcmd",
		"\rcmd":                         "'\rcmd",
		"deploy-bot":                    "deploy-bot",
		"a=b":                           "a=b",
		"":                              "",
	} {
		assert.Equal(t, want, CSVCell(in), "CSVCell(%q)", in)
	}
}

func TestTerminalEscapesControls(t *testing.T) {
	for in, want := range map[string]string{
		"\x1b[31mred\x1b[0m":   `\x1b[31mred\x1b[0m`,
		"line\nbreak":          `line\x0abreak`,
		"bell\a":               `bell\x07`,
		"c1\u009bcsi":          `c1\x9bcsi`,
		"rtl\u202eevil":        `rtl\u202eevil`,
		"isolate\u2066x\u2069": `isolate\u2066x\u2069`,
		"naïve café — ok 日本":   "naïve café — ok 日本",
		"":                     "",
	} {
		assert.Equal(t, want, Terminal(in), "Terminal(%q)", in)
	}
}

func TestTimestampHasThreeFractionalDigits(t *testing.T) {
	at := time.Date(2026, 11, 23, 10, 4, 5, 750_000_000, time.FixedZone("CET", 3600))
	assert.Equal(t, "2026-11-23T09:04:05.750Z", Timestamp(at))
	assert.Equal(t, "2026-11-23T09:04:05.000Z", Timestamp(at.Truncate(time.Second)))
}
