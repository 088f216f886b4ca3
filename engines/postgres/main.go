package main

/*
#include "bridge.h"
*/
import "C"

import (
	"os"
	"runtime"
	"strings"
	"unsafe"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

// maxProcs caps the Go threads of each backend: every backend that loads the
// module runs its own Go runtime.
const maxProcs = 2

// main is never called: -buildmode=c-archive needs a main package.
func main() {}

// goInit runs once per backend, from _PG_init. PostgreSQL overwrites the
// process's initial stack with its title, so Go's os.Environ is empty in a
// backend: environ, C's copy, is the environment the server was started
// with (VERCEL_TEAM, STEAMPIPE_LOG_LEVEL). VERCEL_API_TOKEN goes to
// environmentToken instead, for superusers' servers only.
//
//export goInit
func goInit(environ **C.char) {
	defer func() { _ = recover() }()
	runtime.GOMAXPROCS(min(maxProcs, runtime.NumCPU()))
	for _, kv := range goStrings(environ, -1) {
		name, value, ok := strings.Cut(kv, "=")
		switch {
		case !ok || name == "":
		case name == vercel.EnvAPIToken:
			environmentToken = strings.TrimSpace(value)
		default:
			_ = os.Setenv(name, value)
		}
	}
	_ = os.Unsetenv(vercel.EnvAPIToken)
	inprocess.QuietLogsUnlessChosen()
}

// goStrings copies a C array of n strings into Go; n < 0 reads up to a NULL
// entry.
func goStrings(array **C.char, n int) []string {
	if array == nil {
		return nil
	}
	var out []string
	for i := 0; n < 0 || i < n; i++ {
		p := *(**C.char)(unsafe.Add(unsafe.Pointer(array), uintptr(i)*unsafe.Sizeof(array)))
		if p == nil {
			if n < 0 {
				break
			}
			out = append(out, "")
			continue
		}
		out = append(out, C.GoString(p))
	}
	return out
}

// optionalString is a C string that may be NULL.
func optionalString(s *C.char) string {
	if s == nil {
		return ""
	}
	return C.GoString(s)
}
