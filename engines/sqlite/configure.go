package main

/*
#include "shim.h"
*/
import "C"

import "fmt"

// goConfigure is steampipe_configure_vercel(hcl): it configures the plugin
// with a connection's HCL, as in vercel.spc, checking base_url and the type
// of api_token at once. Each call replaces the whole configuration: fields
// it leaves out fall back to the environment variables, not to an earlier
// call; NULL or an empty string leaves everything to the environment.
//
//export goConfigure
func goConfigure(ctx *C.sqlite3_context, hclValue *C.sqlite3_value) {
	if err := configure(hclValue); err != nil {
		message := fmt.Sprintf("%s: %v", configureFunction, err)
		C.shim_result_error(ctx, stringData(message), C.int(len(message)))
		return
	}
	C.shim_result_null(ctx)
}

func configure(hclValue *C.sqlite3_value) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	hcl := ""
	if C.shim_value_type(hclValue) != C.SQLITE_NULL {
		hcl = valueText(hclValue)
	}
	engine, err := currentEngine()
	if err != nil {
		return err
	}
	return engine.Configure(hcl)
}
