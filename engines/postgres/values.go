package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
)

// timestampLayout is what timestamptz_in reads, to the microsecond
// PostgreSQL keeps.
const timestampLayout = "2006-01-02T15:04:05.999999Z07:00"

// inputText is a column value as the text its PostgreSQL type's input
// function reads; ok is false for NULL.
func inputText(c *proto.Column) (text string, ok bool) {
	switch v := sdkquery.ColumnValue(c).(type) {
	case nil:
		return "", false
	case string:
		return v, true
	case json.RawMessage:
		if string(v) == "null" {
			return "", false
		}
		return string(v), true
	case time.Time:
		return v.UTC().Format(timestampLayout), true
	case bool:
		return strconv.FormatBool(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), true
	default:
		return fmt.Sprint(v), true
	}
}

// contextJSON is Steampipe's sp_ctx and _ctx for a row of connection.
func contextJSON(connection string) string {
	data, _ := json.Marshal(map[string]string{"connection_name": connection}) // a map of strings always encodes
	return string(data)
}
