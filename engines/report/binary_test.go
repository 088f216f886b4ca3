package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// The real binary, with the plugin logging at every level: the secret is in
// no output.
func TestTheTokenIsInNoOutputAtAnyLogLevel(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	binary := filepath.Join(t.TempDir(), commandName)
	require.NoError(t, testapi.GoBuild(binary, "."))
	api := startEdgeAPI(t)
	spc := writeFile(t, "vercel.spc", "connection \"prod\" {\n  plugin = \"vercel\"\n  api_token = \""+api.Secret+"\"\n  base_url = \""+api.URL+"\"\n}\n")

	for _, level := range []string{"TRACE", "DEBUG", "INFO", "WARN", "ERROR"} {
		for _, format := range formats {
			for _, args := range [][]string{
				{"--config", "base_url = \"" + api.URL + "\""}, // token from the environment
				{"--connections", spc},
				{"--config", "api_token = \"" + api.Secret + "x\"\nbase_url = \"" + api.URL + "\""}, // rejected token
			} {
				cmd := exec.Command(binary, append(args, "--output", format, "--at", edgeAt)...)
				cmd.Env = append(os.Environ(), "TMPDIR="+t.TempDir(), "STEAMPIPE_LOG_LEVEL="+level, "VERCEL_API_TOKEN="+api.Secret)
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				err := cmd.Run()
				var exit *exec.ExitError
				if err != nil && !errors.As(err, &exit) {
					require.NoError(t, err)
				}
				if format == "sarif" && stdout.Len() > 0 {
					requireValidSARIF(t, stdout.String())
				}
				all := stdout.String() + stderr.String()
				assert.False(t, strings.Contains(all, api.Secret), "token leaked at %s in %s with %s", level, format, args[0])
				assert.NotEmpty(t, all, "%s %s", level, format)
			}
		}
	}
}
