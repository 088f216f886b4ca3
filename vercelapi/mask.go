package vercelapi

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// masker finds the forms of a token in a text and masks them. It runs
// Knuth–Morris–Pratt over the text, one pass per form, so masking is linear
// in the text's length whatever the token and the text repeat, and it masks
// overlapping occurrences too. Its tables are built once, with the client.
type masker struct {
	forms []pattern
}

// pattern is one form of the token with its failure table: border[i] is the
// length of the longest proper prefix of text[:i+1] that is also its suffix.
type pattern struct {
	text   string
	border []int
}

func newMasker(forms []string) masker {
	var m masker
	for _, form := range forms {
		if form != "" && !slices.ContainsFunc(m.forms, func(p pattern) bool { return p.text == form }) {
			m.forms = append(m.forms, newPattern(form))
		}
	}
	return m
}

func newPattern(text string) pattern {
	border := make([]int, len(text))
	k := 0
	for i := 1; i < len(text); i++ {
		for k > 0 && text[i] != text[k] {
			k = border[k-1]
		}
		if text[i] == text[k] {
			k++
		}
		border[i] = k
	}
	return pattern{text: text, border: border}
}

// ctxCheckEvery is how many bytes of text a scan reads between two looks
// at its context.
const ctxCheckEvery = 1 << 16

// scan calls found with the end of every occurrence of p in s, overlapping
// ones included, until found returns false. It stops with ctx's error when
// ctx ends first.
func (p pattern) scan(ctx context.Context, s string, found func(end int) bool) error {
	k := 0
	for i := 0; i < len(s); i++ {
		if i%ctxCheckEvery == ctxCheckEvery-1 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		for k > 0 && s[i] != p.text[k] {
			k = p.border[k-1]
		}
		if s[i] == p.text[k] {
			k++
		}
		if k == len(p.text) {
			if !found(i + 1) {
				return nil
			}
			k = p.border[k-1]
		}
	}
	return nil
}

// span is a part of a text to mask, [start, end).
type span struct{ start, end int }

// mask replaces every stretch of s covered by an occurrence of a form with
// replacement. A text without any comes back as it is, unallocated.
func (m masker) mask(ctx context.Context, s, replacement string) (string, error) {
	var spans []span
	for _, p := range m.forms {
		err := p.scan(ctx, s, func(end int) bool {
			start := end - len(p.text)
			if n := len(spans); n > 0 && start <= spans[n-1].end && spans[n-1].start <= start {
				spans[n-1].end = max(spans[n-1].end, end)
			} else {
				spans = append(spans, span{start, end})
			}
			return true
		})
		if err != nil {
			return "", err
		}
	}
	if len(spans) == 0 {
		return s, nil
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	var b strings.Builder
	b.Grow(len(s))
	written := 0
	for i := 0; i < len(spans); {
		start, end := spans[i].start, spans[i].end
		for i++; i < len(spans) && spans[i].start <= end; i++ {
			end = max(end, spans[i].end)
		}
		b.WriteString(s[written:start])
		b.WriteString(replacement)
		written = end
	}
	b.WriteString(s[written:])
	return b.String(), nil
}

// shows reports whether s holds any form.
func (m masker) shows(s string) bool {
	for _, p := range m.forms {
		hit := false
		_ = p.scan(context.Background(), s, func(int) bool { hit = true; return false })
		if hit {
			return true
		}
	}
	return false
}
