package main

/*
#include "bridge.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"io"
	"runtime/cgo"
	"unsafe"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/plan"
	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

// The FDW callbacks of the C half land here. Every function recovers: a
// panic unwinding into C would take the backend, and with it every session,
// down. None blocks: a scan's rows come from its goroutine.

// settings reads the server every call passes.
func settings(server *C.GoServer) serverSettings {
	return serverSettings{
		id:               uint32(server.id),
		name:             C.GoString(server.name),
		config:           optionalString(server.config),
		mapping:          mappingToken{set: server.token != nil, token: optionalString(server.token)},
		ownerIsSuperuser: server.owner_is_superuser != 0,
	}
}

// fail fills f for the C half to raise; it returns 0, C's "failed".
func fail(f *C.GoFailure, err error, serverName string) C.int {
	var r *raised
	if errors.As(err, &r) {
		return raise(f, r.failure)
	}
	return raise(f, failureOf(err, serverName))
}

// raise fills f with fl; it returns 0, C's "failed".
func raise(f *C.GoFailure, fl failure) C.int {
	f.message = C.CString(fl.message)
	f.hint = C.CString(fl.hint)
	for i := range len(f.sqlstate) - 1 {
		f.sqlstate[i] = C.char(fl.sqlstate[i])
	}
	f.sqlstate[len(f.sqlstate)-1] = 0
	return 0
}

// recoverInto turns a panic into a failure.
func recoverInto(ok *C.int, f *C.GoFailure, serverName string) {
	if r := recover(); r != nil {
		*ok = fail(f, fmt.Errorf("%w: %v", errInternal, r), serverName)
	}
}

// recoverStatus turns a panic into GO_SCAN_ERROR with f filled, for the
// calls that answer with a scan status.
func recoverStatus(status *C.int, f *C.GoFailure) {
	if r := recover(); r != nil {
		fail(f, fmt.Errorf("%w: %v", errInternal, r), "")
		*status = C.GO_SCAN_ERROR
	}
}

// goPlan chooses a scan's plan at planning time. The quals are flattened:
// quals[i] names a column and takes the next valueCounts[i] entries of
// values. It returns 1 with the plan's JSON, rows and cost set, or 0.
//
//export goPlan
func goPlan(server *C.GoServer, table *C.char,
	used **C.char, nused C.int,
	qualColumns **C.char, valueCounts *C.int, values **C.char, nquals C.int, otherQuals C.int,
	limit C.int64_t, planOut **C.char, rows, cost *C.double, f *C.GoFailure) (ok C.int) {
	s := settings(server)
	defer recoverInto(&ok, f, s.name)
	schema, err := s.table(C.GoString(table))
	if err != nil {
		return fail(f, err, s.name)
	}
	columns := goStrings(qualColumns, int(nquals))
	counts := unsafe.Slice(valueCounts, int(nquals))
	total := 0
	for _, n := range counts {
		total += int(n)
	}
	all := goStrings(values, total)
	quals := make([]plan.Qual, len(columns))
	for i, column := range columns {
		quals[i] = plan.Qual{Column: column, Values: all[:counts[i]]}
		all = all[counts[i]:]
	}
	p := newPlan(schema, C.GoString(table), goStrings(used, int(nused)), quals, int(otherQuals), rowlimit.Rows(int64(limit)))
	text, err := p.Encode()
	if err != nil {
		return fail(f, err, s.name)
	}
	*planOut, *rows, *cost = C.CString(text), C.double(estimatedRows(p)), C.double(estimatedCost(p))
	return 1
}

// goCheckOption checks the value of an option the validator accepted by
// name: 1 when it is valid, else 0 with f filled.
//
//export goCheckOption
func goCheckOption(name, value *C.char, f *C.GoFailure) (ok C.int) {
	defer recoverInto(&ok, f, "")
	if fl := checkOption(C.GoString(name), C.GoString(value)); fl != nil {
		return raise(f, *fl)
	}
	return 1
}

// goExplain describes a plan for EXPLAIN; the result is malloc'd.
//
//export goExplain
func goExplain(planText *C.char) *C.char {
	defer func() { _ = recover() }()
	p, err := plan.Decode(C.GoString(planText))
	if err != nil {
		return C.CString(err.Error())
	}
	return C.CString(explain(p))
}

// goImport returns IMPORT FOREIGN SCHEMA's statements as a malloc'd array
// of *count malloc'd strings, or NULL with f filled.
//
//export goImport
func goImport(server *C.GoServer, fromSchema *C.char, count *C.int, f *C.GoFailure) (out **C.char) {
	s := settings(server)
	var ok C.int = 1
	defer func() {
		recoverInto(&ok, f, s.name)
		if ok == 0 {
			out = nil
		}
	}()
	statements, err := importStatements(s, C.GoString(fromSchema))
	if err != nil {
		ok = fail(f, err, s.name)
		return nil
	}
	array := (**C.char)(C.malloc(C.size_t(max(len(statements), 1)) * C.size_t(unsafe.Sizeof(uintptr(0)))))
	slots := unsafe.Slice(array, len(statements))
	for i, statement := range statements {
		slots[i] = C.CString(statement)
	}
	*count = C.int(len(statements))
	return array
}

// goScanStart starts a scan of a plan and returns its handle, with the read
// end of its pipe in fd; 0 with f filled when it cannot start.
//
//export goScanStart
func goScanStart(server *C.GoServer, connection, planText *C.char,
	attributes **C.char, nattributes C.int, fd *C.int, f *C.GoFailure) (handle C.uintptr_t) {
	s := settings(server)
	var ok C.int = 1
	defer func() {
		recoverInto(&ok, f, s.name)
		if ok == 0 {
			handle = 0
		}
	}()
	p, err := plan.Decode(C.GoString(planText))
	if err != nil {
		ok = fail(f, err, s.name)
		return 0
	}
	target := scanTarget{connection: C.GoString(connection), attributes: goStrings(attributes, int(nattributes))}
	sc, err := startScan(s, p, target)
	if err != nil {
		ok = fail(f, err, s.name)
		return 0
	}
	*fd = C.int(sc.readFD)
	return C.uintptr_t(cgo.NewHandle(sc))
}

// goScanNext takes the scan's next item without blocking. For a row it
// fills values, one malloc'd string or NULL per attribute.
//
//export goScanNext
func goScanNext(handle C.uintptr_t, values **C.char, f *C.GoFailure) (status C.int) {
	defer recoverStatus(&status, f)
	sc := cgo.Handle(handle).Value().(*scan)
	item, ok := sc.next()
	switch {
	case !ok:
		return C.GO_SCAN_WAIT
	case errors.Is(item.err, io.EOF):
		return C.GO_SCAN_END
	case item.err != nil:
		fail(f, item.err, sc.serverName)
		return C.GO_SCAN_ERROR
	}
	putRow(values, item.values)
	return C.GO_SCAN_ROW
}

// goScanEnd stops a scan and forgets its handle. It is called once per
// started scan: by EndForeignScan, ReScanForeignScan, or when the query's
// memory goes away after an error.
//
//export goScanEnd
func goScanEnd(handle C.uintptr_t) {
	defer func() { _ = recover() }()
	h := cgo.Handle(handle)
	h.Value().(*scan).end()
	h.Delete()
}
