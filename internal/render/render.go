// Package render turns a plugin's column value (as sdkquery.ColumnValue
// decodes it) into what each kind of target shows, so that every engine
// agrees: NULL and a JSON null are SQL NULL, an empty CSV field and JSON
// null; timestamps are display.Timestamp text everywhere; booleans are 0 and
// 1 in SQLite and true and false as text; numbers keep every digit.
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

// isNull tells NULL and a JSON null apart from every other value.
func isNull(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case json.RawMessage:
		return v == nil || string(v) == "null"
	default:
		return false
	}
}

// SQL is a value as SQLite stores it: nil, string, int64 or float64.
// Booleans are 0 and 1, JSON is its text.
func SQL(v any) any {
	if isNull(v) {
		return nil
	}
	switch v := v.(type) {
	case string, int64, float64:
		return v
	case bool:
		if v {
			return int64(1)
		}
		return int64(0)
	default:
		text, _ := Text(v)
		return text
	}
}

// Text is a value as text, as PostgreSQL's input functions read it and CSV
// shows it; ok is false for NULL and a JSON null.
func Text(v any) (text string, ok bool) {
	if isNull(v) {
		return "", false
	}
	switch v := v.(type) {
	case string:
		return v, true
	case json.RawMessage:
		return string(v), true
	case time.Time:
		return display.Timestamp(v), true
	case bool:
		return strconv.FormatBool(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	default:
		return fmt.Sprint(v), true
	}
}

// CSV is a value as a CSV field: Text, empty for NULL, JSON compacted, and
// text made safe for spreadsheets (display.CSVCell: a name like
// =HYPERLINK(…) is not run).
func CSV(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return display.CSVCell(v), nil
	case json.RawMessage:
		if isNull(v) {
			return "", nil
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, v); err != nil {
			return "", fmt.Errorf("the plugin returned invalid JSON: %w", err)
		}
		return compact.String(), nil
	default:
		text, _ := Text(v)
		return text, nil
	}
}

// JSON is a value for encoding/json: JSON nests as JSON, a JSON null and
// NULL are null, timestamps are display.Timestamp strings.
func JSON(v any) any {
	if isNull(v) {
		return nil
	}
	if t, ok := v.(time.Time); ok {
		return display.Timestamp(t)
	}
	return v
}
