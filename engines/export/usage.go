package main

import (
	"fmt"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
)

const commandName = "steampipe_export_vercel"

// usage is the text --help prints, and bad invocations print after their
// error.
func usage() string {
	return fmt.Sprintf(`Usage: %[1]s TABLE_NAME [flags]

Export a table of the Vercel Steampipe plugin, running the plugin in-process.

Flags (they may come before or after TABLE_NAME):
  --config HCL      connection config, as in a vercel.spc connection block,
                    e.g. 'api_token = "…"'; fields left out fall back to
                    VERCEL_API_TOKEN, VERCEL_TEAM and VERCEL_BASE_URL
  --select COLUMNS  comma-separated columns to export, in this order
                    (default: all of the table's columns)
  --where FILTER    key-column equality, e.g. "token_id = 'abc'"; may be
                    repeated (the filters are and-ed)
  --limit N         export at most N rows (default: all)
  --output FORMAT   csv, json or jsonl (default csv)
  --help            show this help

Data goes to stdout, messages to stderr, rows in the API's order (newest
first). Timestamps are UTC with milliseconds; CSV text cells that start
like a spreadsheet formula get a leading '. The exit status is 0 on
success, 2 when the command line is wrong (an unknown flag, table or
column, or a --where on a column that is not a key), 3 when the API refused
the token or its scope or the config is invalid (fix it; retrying will not
help), 4 when the API was rate limited, failing or too slow (try again
later), and 1 for any other failure.
STEAMPIPE_LOG_LEVEL sets the plugin's log level on stderr (default %[2]s).

Examples:
  VERCEL_API_TOKEN=… %[1]s vercel_user_token --select token_id,name,expires_at
  %[1]s vercel_user_token --where "token_id = 'abc'" --output json
`, commandName, inprocess.QuietLogLevel)
}
