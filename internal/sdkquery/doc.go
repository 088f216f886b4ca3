// Package sdkquery translates between plain Go values and the Steampipe
// plugin SDK's protobuf messages: it builds the requests Steampipe would send
// a plugin (connection config, execute) and decodes the rows that come back.
// It holds no process or server logic, so every engine and test shares it.
package sdkquery
