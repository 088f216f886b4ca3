package main

/*
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
)

// configureFunction is the SQL function that takes a connection's HCL.
const configureFunction = "steampipe_configure_vercel"

// loaded is the extension's engine. SQLite's callbacks are plain C with no
// room for Go state, so a loadable extension unavoidably keeps it in a
// package variable: one engine per loaded library, shared by every database
// connection that loads it and closed when the last of them closes.
var loaded struct {
	mu          sync.Mutex
	engine      *inprocess.Engine
	tables      map[string]*table
	connections int
}

// main is never called: -buildmode=c-shared needs a main package.
func main() {}

//export goExtensionInit
func goExtensionInit(db *C.sqlite3, pzErrMsg **C.char) (rc C.int) {
	defer recoverError(&rc, pzErrMsg)
	tables, err := acquireEngine()
	if err != nil {
		return setError(pzErrMsg, fmt.Errorf("load steampipe_sqlite_vercel: %w", err))
	}
	// From here the configure function owns the reference just taken: its
	// destructor releases it, even when registering it fails.
	rc = withCString(configureFunction, func(name *C.char) C.int { return C.shim_create_configure_function(db, name) })
	if rc != C.SQLITE_OK {
		return setError(pzErrMsg, fmt.Errorf("load steampipe_sqlite_vercel: register %s: SQLite error %d", configureFunction, rc))
	}
	rc = withCString(createFunction, func(name *C.char) C.int { return C.shim_create_function_module(db, name) })
	if rc != C.SQLITE_OK {
		return setError(pzErrMsg, fmt.Errorf("load steampipe_sqlite_vercel: register %s: SQLite error %d", createFunction, rc))
	}
	for _, name := range slices.Sorted(maps.Keys(tables)) {
		rc = withCString(name, func(name *C.char) C.int { return C.shim_create_table_module(db, name) })
		if rc != C.SQLITE_OK {
			return setError(pzErrMsg, fmt.Errorf("load steampipe_sqlite_vercel: register table %s: SQLite error %d", name, rc))
		}
	}
	return C.SQLITE_OK
}

// acquireEngine starts the engine for the first connection and counts every
// connection using it.
func acquireEngine() (map[string]*table, error) {
	loaded.mu.Lock()
	defer loaded.mu.Unlock()
	if loaded.engine == nil {
		inprocess.QuietLogsUnlessChosen()
		engine, err := inprocess.New()
		if err != nil {
			return nil, fmt.Errorf("start plugin: %w", err)
		}
		schemas, err := engine.Tables()
		if err != nil {
			engine.Close()
			return nil, fmt.Errorf("read plugin schema: %w", err)
		}
		loaded.engine, loaded.tables = engine, map[string]*table{}
		for name, schema := range schemas {
			loaded.tables[name] = newTable(name, schema)
		}
	}
	loaded.connections++
	return loaded.tables, nil
}

//export goRelease
func goRelease() {
	loaded.mu.Lock()
	defer loaded.mu.Unlock()
	loaded.connections--
	if loaded.connections == 0 && loaded.engine != nil {
		loaded.engine.Close()
		loaded.engine, loaded.tables = nil, nil
	}
}

// currentEngine is the engine of the connections that have the extension
// loaded; SQLite only calls back while one of them is open.
func currentEngine() (*inprocess.Engine, error) {
	loaded.mu.Lock()
	defer loaded.mu.Unlock()
	if loaded.engine == nil {
		return nil, fmt.Errorf("steampipe_sqlite_vercel is not loaded")
	}
	return loaded.engine, nil
}

func loadedTable(name string) (*table, error) {
	loaded.mu.Lock()
	defer loaded.mu.Unlock()
	t, ok := loaded.tables[name]
	if !ok {
		return nil, fmt.Errorf("steampipe_sqlite_vercel has no table %q", name)
	}
	return t, nil
}
