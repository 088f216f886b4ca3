package testapi

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// GoBuild builds pkg (a directory or an import path) into output with the
// toolchain running the tests, flags (e.g. -buildmode=c-shared) first. Its
// error carries go's own output.
func GoBuild(output, pkg string, flags ...string) error {
	args := append(append([]string{"build"}, flags...), "-o", output, pkg)
	if out, err := exec.Command(goTool(), args...).CombinedOutput(); err != nil {
		return fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// goTool is the go command of the toolchain running the tests.
func goTool() string {
	path := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := exec.LookPath(path); err == nil {
		return path
	}
	return "go"
}
