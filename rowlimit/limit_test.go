package rowlimit

import (
	"encoding/json"
	"math"
	"testing"
)

func TestRowsAndNone(t *testing.T) {
	if !Rows(-1).IsNone() || !None().IsNone() || (Limit{}) != None() {
		t.Error("a negative count and the zero value are no limit")
	}
	if n, ok := Rows(0).Get(); !ok || n != 0 || !Rows(0).IsZero() {
		t.Error("LIMIT 0 is a limit of no rows")
	}
}

func TestPlus(t *testing.T) {
	cases := []struct {
		limit  Limit
		offset int64
		want   Limit
	}{
		{Rows(5), 0, Rows(5)},
		{Rows(5), 3, Rows(8)},
		{Rows(5), -2, Rows(5)},
		{None(), 3, None()},
		{Rows(math.MaxInt64), 1, None()}, // overflow: no limit
	}
	for _, c := range cases {
		if got := c.limit.Plus(c.offset); got != c.want {
			t.Errorf("%v plus %d = %v, want %v", c.limit, c.offset, got, c.want)
		}
	}
}

func TestCapAndReached(t *testing.T) {
	if got := None().Cap(100, 500); got != 100 {
		t.Errorf("no limit caps nothing: %d", got)
	}
	if got := Rows(150).Cap(100, 100); got != 50 {
		t.Errorf("second page of 150: %d, want 50", got)
	}
	if got := Rows(5).Cap(100, 9); got != 0 {
		t.Errorf("past the limit: %d, want 0", got)
	}
	if None().Reached(1<<40) || !Rows(5).Reached(5) || Rows(5).Reached(4) {
		t.Error("Reached")
	}
}

func TestJSON(t *testing.T) {
	for _, l := range []Limit{None(), Rows(0), Rows(42)} {
		data, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		var back Limit
		if err := json.Unmarshal(data, &back); err != nil || back != l {
			t.Errorf("%v → %s → %v, %v", l, data, back, err)
		}
	}
	var l Limit
	for _, bad := range []string{`-1`, `"5"`, `1.5`} {
		if err := json.Unmarshal([]byte(bad), &l); err == nil {
			t.Errorf("%s decoded", bad)
		}
	}
}
