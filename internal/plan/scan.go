package plan

import (
	"encoding/json"
	"fmt"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

// Param is the value of a parameter when a scan starts.
type Param struct {
	Null    bool
	Text    string
	Integer int64
}

// Params is how many parameters Bind takes: one per key that is a
// parameter, in key order, then the LIMIT, then the OFFSET.
func (p Plan) Params() int {
	n := 0
	for _, k := range p.Keys {
		if k.Param {
			n++
		}
	}
	if p.LimitParam {
		n++
	}
	if p.OffsetParam {
		n++
	}
	return n
}

// Bind fills the plan's parameters, in the order Params counts them. A key
// compared with NULL matches no row.
func (p Plan) Bind(params []Param) (Plan, error) {
	if len(params) != p.Params() {
		return Plan{}, fmt.Errorf("the scan plan takes %d parameters, got %d", p.Params(), len(params))
	}
	bound := p
	bound.Keys = make([]Key, len(p.Keys))
	for i, k := range p.Keys {
		if k.Param {
			k.Param, k.Values = false, []string{}
			if !params[0].Null {
				k.Values = []string{params[0].Text}
			}
			params = params[1:]
		}
		bound.Keys[i] = k
	}
	if p.LimitParam {
		bound.Limit, bound.LimitParam = rowlimit.Rows(params[0].Integer), false
		params = params[1:]
	}
	if p.OffsetParam {
		bound.Limit, bound.OffsetParam = bound.Limit.Plus(params[0].Integer), false
	}
	return bound, nil
}

// Queries are the plugin queries the scan runs, one after the other: one
// per combination of the keys' values (none when a key has no value).
func (p Plan) Queries() ([]sdkquery.Query, error) {
	if p.Params() > 0 {
		return nil, fmt.Errorf("the scan plan of %s has parameters no value was bound to", p.Table)
	}
	limit := p.Limit
	if p.Get {
		limit = rowlimit.None()
	}
	queries := []sdkquery.Query{{Table: p.Table, Columns: p.Columns, Limit: limit}}
	for _, k := range p.Keys {
		var next []sdkquery.Query
		for _, q := range queries {
			for _, v := range k.Values {
				equals := make(map[string]string, len(q.Equals)+1)
				for c, value := range q.Equals {
					equals[c] = value
				}
				equals[k.Column] = v
				q.Equals = equals
				next = append(next, q)
			}
		}
		queries = next
	}
	return queries, nil
}

// Requests estimates how many get requests a get plan makes: one per
// combination of values, a parameter counting as one value.
func (p Plan) Requests() int {
	n := 1
	for _, k := range p.Keys {
		if !k.Param {
			n *= len(k.Values)
		}
	}
	return n
}

// Encode is the plan as the text that crosses C.
func (p Plan) Encode() (string, error) {
	data, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("encode the scan plan: %w", err)
	}
	return string(data), nil
}

// Decode reads a plan Encode wrote.
func Decode(text string) (Plan, error) {
	var p Plan
	if err := json.Unmarshal([]byte(text), &p); err != nil {
		return Plan{}, fmt.Errorf("decode the scan plan %q: %w", text, err)
	}
	return p, nil
}
