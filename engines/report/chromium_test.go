package main

import (
	"crypto/sha256"
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// chromiumPath is the headless browser the HTML tests lay pages out in;
// the test is skipped without it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed: run scripts/install-deps.sh")
	}
	return chromium
}

// chromiumArgs are the flags of every run: no sandbox (tests may run as
// root), no GPU, no request of its own, a fresh profile. The profile's
// path is short, and its TMPDIR too: Chromium puts a socket there, whose
// path a long test name in t.TempDir() would make too long.
func chromium(t *testing.T, width string, args ...string) *exec.Cmd {
	t.Helper()
	profile, err := os.MkdirTemp("/tmp", "chromium")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(profile) })
	cmd := exec.CommandContext(t.Context(), chromiumPath(t), append([]string{"--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--no-first-run", "--user-data-dir=" + profile, "--window-size=" + width}, args...)...)
	cmd.Env = append(os.Environ(), "TMPDIR="+profile)
	return cmd
}

// measuredDOM lays page out at width ("1280,800") and returns the DOM once
// its scripts have run, with measure, a script run on load after the
// page's own, added (and allowed by the page's Content-Security-Policy, if
// any, by its hash). measure writes what it finds into the DOM.
func measuredDOM(t *testing.T, page, width, measure string) string {
	t.Helper()
	chromiumPath(t)
	sum := sha256.Sum256([]byte(measure))
	allowed := "&#39;sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "&#39; "
	page = strings.Replace(page, "script-src &#39;", "script-src "+allowed+"&#39;", 1)
	page = strings.Replace(page, "</body>", "<script>"+measure+"</script></body>", 1)
	path := filepath.Join(t.TempDir(), "page.html")
	require.NoError(t, os.WriteFile(path, []byte(page), 0o600))
	cmd := chromium(t, width, "--dump-dom", "file://"+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	dom, err := cmd.Output()
	require.NoError(t, err, "chromium: %s", lastLines(stderr.String(), 5))
	return string(dom)
}

// screenshot keeps what a person sees of page at width as a test artefact
// (go test -artifacts keeps them under -outputdir) and logs where.
func screenshot(t *testing.T, page, width, name string) {
	t.Helper()
	chromiumPath(t)
	dir := t.ArtifactDir()
	path := filepath.Join(dir, name+".html")
	require.NoError(t, os.WriteFile(path, []byte(page), 0o600))
	shot := filepath.Join(dir, name+".png")
	out, err := chromium(t, width, "--screenshot="+shot, "file://"+path).CombinedOutput()
	require.NoError(t, err, "chromium: %s", lastLines(string(out), 5))
	info, err := os.Stat(shot)
	require.NoError(t, err)
	require.Positive(t, info.Size())
	t.Logf("screenshot at %s: %s", width, shot)
}

// overflowScript measures how far the page is wider than the window.
const overflowScript = `window.addEventListener("load", function () {
  document.body.setAttribute("data-overflow", document.documentElement.scrollWidth - window.innerWidth);
});`

// requireNoOverflow reads what overflowScript measured.
func requireNoOverflow(t *testing.T, dom, width string) {
	t.Helper()
	overflow := regexp.MustCompile(`data-overflow="(-?\d+)"`).FindStringSubmatch(dom)
	require.NotNil(t, overflow, "%s: the page was not measured", width)
	require.True(t, overflow[1] == "0" || strings.HasPrefix(overflow[1], "-"), "%s: the page overflows by %s pixels", width, overflow[1])
}

// lastLines are the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
