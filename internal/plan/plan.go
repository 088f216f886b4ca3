package plan

import (
	"slices"

	"github.com/tokenaudit/steampipe-plugin-vercel/rowlimit"
)

// Qual is a condition column = value, or column IN (values), that the
// engine can hand the plugin.
type Qual struct {
	Column string
	// Values the column is compared with; empty matches no row (= NULL).
	Values []string
	// Param: the value is known only when the scan starts (SQLite's
	// xFilter arguments); Values are then unset. See Plan.Bind.
	Param bool
}

// Request is an engine's question: how to scan for a query.
type Request struct {
	// Used are the columns the query reads; the SDK's columns and unknown
	// names are ignored.
	Used  []string
	Quals []Qual
	// Complete: Quals are every condition of the query on this table, so
	// the rows the plugin returns need no further filtering before LIMIT.
	Complete bool
	// Limit is the query's LIMIT plus OFFSET when known while planning;
	// the engine leaves it unset when rows are sorted or grouped after the
	// scan. LimitParam and OffsetParam: they come as parameters instead.
	Limit       rowlimit.Limit
	LimitParam  bool
	OffsetParam bool
}

// Cost is a plan's class of cost; each engine turns it into its host's
// numbers.
type Cost int

const (
	// CostGet is one get request per key value.
	CostGet Cost = iota + 1
	// CostKeyedList is a list the plugin filters by key columns.
	CostKeyedList
	// CostList is a list of the whole table.
	CostList
)

// Key is a key column of a plan and the values it takes.
type Key struct {
	Column string   `json:"column"`
	Values []string `json:"values,omitempty"`
	Param  bool     `json:"param,omitempty"`
	// Qual is the index in the Request's Quals this key takes its value
	// from (the first of them when several were intersected).
	Qual int `json:"-"`
}

// Plan is how one scan runs. Its JSON encoding is what crosses C.
type Plan struct {
	Table   string   `json:"table"`
	Columns []string `json:"columns"`
	// Get: each combination of the keys' values is one get request;
	// otherwise one list request sequence filtered by the keys.
	Get  bool  `json:"get,omitempty"`
	Keys []Key `json:"keys,omitempty"`
	// Limit caps the rows a list fetches. LimitParam and OffsetParam say
	// that the LIMIT and OFFSET come as parameters, after the keys' (see
	// Bind).
	Limit       rowlimit.Limit `json:"limit"`
	LimitParam  bool           `json:"limit_param,omitempty"`
	OffsetParam bool           `json:"offset_param,omitempty"`
	Cost        Cost           `json:"cost"`
}

// Plan answers r: a get when the quals satisfy the get call's key columns,
// else a list filtered by the list call's key columns the quals name. A list
// may stop after the limit only when the plugin applies every condition of
// the query itself.
func (t *Table) Plan(r Request) Plan {
	p := Plan{Table: t.name, Columns: t.fetched(r.Used)}
	used := make([]bool, len(r.Quals))
	if keys, ok := t.getKeys(r.Quals); ok {
		p.Get, p.Cost = true, CostGet
		p.Keys = takeKeys(r.Quals, keys, used)
		return p
	}
	p.Keys = takeKeys(r.Quals, t.list, used)
	p.Cost = CostList
	if len(p.Keys) > 0 {
		p.Cost = CostKeyedList
	}
	if r.Complete && !slices.Contains(used, false) {
		p.Limit, p.LimitParam, p.OffsetParam = r.Limit, r.LimitParam, r.OffsetParam
	}
	return p
}

// getKeys are the key columns a get takes from quals, or false when quals
// do not satisfy the get call: every required key, and one of the anyOf keys
// if there are any (the first in the schema when several are given).
func (t *Table) getKeys(quals []Qual) ([]string, bool) {
	if !t.getPossible {
		return nil, false
	}
	var keys []string
	anyOf, anyOfMet := false, false
	for _, k := range t.get {
		given := slices.ContainsFunc(quals, func(q Qual) bool { return q.Column == k.name })
		switch {
		case k.anyOf:
			anyOf = true
			if given && !anyOfMet {
				anyOfMet = true
				keys = append(keys, k.name)
			}
		case given:
			keys = append(keys, k.name)
		case k.required:
			return nil, false
		}
	}
	if (anyOf && !anyOfMet) || len(keys) == 0 {
		return nil, false
	}
	return keys, true
}

// takeKeys makes one key per column of columns that quals name, marking in
// used the quals it takes. A column's known values are the intersection of
// all its quals' values; a parameter cannot be intersected, so only a
// column's first qual is taken when that is a parameter.
func takeKeys(quals []Qual, columns []string, used []bool) []Key {
	var keys []Key
	for _, column := range columns {
		var key *Key
		for i, q := range quals {
			switch {
			case q.Column != column:
			case key == nil:
				keys = append(keys, Key{Column: column, Values: distinct(q.Values), Param: q.Param, Qual: i})
				key = &keys[len(keys)-1]
				used[i] = true
			case !key.Param && !q.Param:
				key.Values = intersect(key.Values, q.Values)
				used[i] = true
			}
		}
	}
	return keys
}

func distinct(values []string) []string {
	out := []string{}
	for _, v := range values {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func intersect(a, b []string) []string {
	out := []string{}
	for _, v := range a {
		if slices.Contains(b, v) {
			out = append(out, v)
		}
	}
	return out
}
