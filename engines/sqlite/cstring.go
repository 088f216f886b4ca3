package main

/*
#include <stdlib.h>
*/
import "C"

import "unsafe"

// stringData points C at a Go string's bytes for the length of one call,
// without a copy; the shim functions that take it copy what they keep.
func stringData(s string) *C.char {
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s)))
}

// withCString calls f with a NUL-terminated copy of s, freed afterwards.
func withCString(s string, f func(*C.char) C.int) C.int {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return f(cs)
}
