package main

import (
	"encoding/json"
)

// contextJSON is Steampipe's sp_ctx and _ctx for a row of connection.
func contextJSON(connection string) string {
	data, _ := json.Marshal(map[string]string{"connection_name": connection}) // a map of strings always encodes
	return string(data)
}
