package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// weeklyJob runs scripts/weekly.sh on dir as cron would, on a given day,
// with a built binary.
type weeklyJob struct {
	t      *testing.T
	binary string
	dir    string
}

func (j weeklyJob) run(day string, args ...string) outcome {
	j.t.Helper()
	env := []string{"REPORT_BINARY=" + j.binary, "VERCEL_AUDIT_DATE=" + day}
	return runScriptWithEnv(j.t, env, "scripts/weekly.sh", append([]string{j.dir}, args...)...)
}

// files maps every file under the job's directory (hidden ones included)
// to its content, and latest.json to where it points.
func (j weeklyJob) files() map[string]string {
	j.t.Helper()
	files := map[string]string{}
	require.NoError(j.t, filepath.WalkDir(j.dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(j.dir, path)
		if d.Type()&os.ModeSymlink != 0 {
			target, err := os.Readlink(path)
			files[rel] = "-> " + target
			return err
		}
		data, err := os.ReadFile(path)
		files[rel] = string(data)
		return err
	}))
	return files
}

// The weekly job survives its four runs: the first creates the baseline,
// the next fails on one new leak, a same-day rerun compares with the same
// baseline and loses nothing, and a failed run leaves every report as it
// was.
func TestWeeklyScriptKeepsItsBaselineThroughEveryRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	testapi.IsolateEnv(t)
	binary := filepath.Join(t.TempDir(), commandName)
	require.NoError(t, testapi.GoBuild(binary, "."))
	job := weeklyJob{t: t, binary: binary, dir: filepath.Join(t.TempDir(), "vercel-audit")}
	args := func(api *testapi.API, secret string) []string {
		return []string{"--connections", edgeSPC(t, api, secret), "--at", edgeAt, "--fail-on", "critical"}
	}

	// Week 1: nothing critical; the first report is the baseline.
	week1 := startEdgeAPI(t, "tok_ok", "tok_unused_90")
	res := job.run("2026-06-24", args(week1, week1.Secret)...)
	require.Equal(t, exitOK, res.code, res.stderr)
	assert.Contains(t, res.stdout, "reports/2026-06-24.json, the first baseline")
	first := job.files()
	require.Contains(t, first, "reports/2026-06-24.json")
	assert.Equal(t, "-> reports/2026-06-24.json", first["latest.json"])
	assert.Empty(t, decodeReport(t, first["reports/2026-06-24.json"]).Resolved)

	// Week 2: one new leak fails the run, against week 1.
	week2 := startEdgeAPI(t, "tok_ok", "tok_unused_90", "tok_leaked_used_after")
	res = job.run("2026-07-01", args(week2, week2.Secret)...)
	require.Equal(t, exitFindings, res.code, res.stderr)
	assert.Contains(t, res.stdout, "compared with "+filepath.Join(job.dir, "reports/2026-06-24.json"))
	second := job.files()
	assert.Equal(t, first["reports/2026-06-24.json"], second["reports/2026-06-24.json"], "the baseline is kept")
	assert.Equal(t, "-> reports/2026-07-01.json", second["latest.json"])
	leak := alarmsOf(decodeReport(t, second["reports/2026-07-01.json"]))["leaked tok_leaked_used_after"]
	assert.Equal(t, baselineNew, leak.Baseline)
	assert.Equal(t, baselineStillOpen, alarmsOf(decodeReport(t, second["reports/2026-07-01.json"]))["unused tok_unused_90"].Baseline)

	// The same day again: the same baseline, the same verdict, nothing lost.
	res = job.run("2026-07-01", args(week2, week2.Secret)...)
	require.Equal(t, exitFindings, res.code, res.stderr)
	assert.Equal(t, second, job.files(), "a rerun replaces the day's report with the same report")

	// A failed run (the API fails to list the teams; then a rejected token) saves
	// nothing and changes nothing.
	week3 := startEdgeAPI(t, "tok_ok")
	week3.Server.SetFaults(emulator.Faults{AlwaysStatus: 400, OnlyOn: emulator.EndpointTeams})
	res = job.run("2026-07-08", args(week3, week3.Secret)...)
	assert.Equal(t, exitIncomplete, res.code, res.stderr)
	assert.Contains(t, res.stderr, "no report saved, earlier reports unchanged")
	assert.Equal(t, second, job.files(), "no report, no temporary file, the baseline intact")
	res = job.run("2026-07-08", args(week2, "rejected")...)
	assert.Equal(t, exitUsage, res.code, res.stderr)
	assert.Equal(t, second, job.files())

	// And the next good run still compares with week 2.
	res = job.run("2026-07-15", args(week2, week2.Secret)...)
	require.Equal(t, exitOK, res.code, "nothing new since week 2: %s", res.stderr)
	assert.Contains(t, res.stdout, "compared with "+filepath.Join(job.dir, "reports/2026-07-01.json"))

	for _, out := range []string{res.stdout, res.stderr} {
		assert.False(t, strings.Contains(out, week2.Secret), "token leaked")
	}
}

func TestWeeklyScriptSaysWhatIsWrongWithItsDirectory(t *testing.T) {
	notADir := writeFile(t, "file", "")
	res := runScriptWithEnv(t, []string{"REPORT_BINARY=/bin/false"}, "scripts/weekly.sh", notADir)
	assert.Equal(t, 4, res.code, res.stderr)
	assert.Contains(t, res.stderr, "cannot write to "+notADir)

	res = runScript(t, "scripts/weekly.sh")
	assert.Equal(t, exitUsage, res.code)
	assert.Contains(t, res.stderr, "usage: scripts/weekly.sh DIR")
}

// The documented schedules use what is tested: the cron line calls
// scripts/weekly.sh, and the GitHub Actions workflow checks the plugin out
// in a subfolder, leaving the workspace root to the repository the SARIF
// upload is attributed to.
func TestTheDocumentedSchedulesUseTheWeeklyScriptAndASubfolder(t *testing.T) {
	doc, err := os.ReadFile("../../docs/compliance.md")
	require.NoError(t, err)
	_, scheduling, found := strings.Cut(string(doc), "## Scheduling")
	require.True(t, found)
	var cron []string
	for _, line := range strings.Split(scheduling, "\n") {
		if strings.HasPrefix(line, "0 7 * * 1 ") {
			cron = append(cron, line)
		}
	}
	require.Len(t, cron, 1, "one cron line")
	assert.Contains(t, cron[0], "scripts/weekly.sh ")
	assert.NotContains(t, cron[0], ">", "the script writes the report itself")

	_, block, found := strings.Cut(scheduling, "```yaml\n")
	require.True(t, found)
	block, _, _ = strings.Cut(block, "```")
	var workflow struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses             string            `yaml:"uses"`
				With             map[string]string `yaml:"with"`
				Run              string            `yaml:"run"`
				WorkingDirectory string            `yaml:"working-directory"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	require.NoError(t, yaml.Unmarshal([]byte(block), &workflow))
	steps := workflow.Jobs["audit"].Steps
	require.NotEmpty(t, steps)
	plugin := ""
	for i, step := range steps {
		switch {
		case strings.HasPrefix(step.Uses, "actions/checkout@") && step.With["repository"] == "":
			assert.Zero(t, i, "the workflow's own repository first, at the root")
			assert.Empty(t, step.With["path"])
		case strings.HasPrefix(step.Uses, "actions/checkout@"):
			assert.Equal(t, "tokenaudit/steampipe-plugin-vercel", step.With["repository"])
			plugin = step.With["path"]
			assert.NotEmpty(t, plugin, "the plugin in a subfolder")
		case strings.HasPrefix(step.Uses, "actions/setup-go@"):
			assert.Equal(t, plugin+"/go.mod", step.With["go-version-file"])
		case strings.Contains(step.Run, "go build"):
			assert.Equal(t, plugin, step.WorkingDirectory)
			assert.Contains(t, step.Run, "./engines/report")
		}
	}
	assert.NotEmpty(t, plugin)
}
