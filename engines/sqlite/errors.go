package main

/*
#include "shim.h"
*/
import "C"

import "fmt"

// setError puts err's message in an SQLite error slot (a vtab's zErrMsg or
// an entry point's pzErrMsg) and returns SQLITE_ERROR.
func setError(slot **C.char, err error) C.int {
	message := err.Error()
	C.shim_set_error(slot, stringData(message), C.int(len(message)))
	return C.SQLITE_ERROR
}

// recoverError turns a panic into an SQLite error: a panic unwinding into C
// would abort the host process.
func recoverError(rc *C.int, slot **C.char) {
	if r := recover(); r != nil {
		*rc = setError(slot, fmt.Errorf("steampipe_sqlite_vercel: internal error: %v", r))
	}
}
