package emulator

import (
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
)

// dice wraps a seeded generator with the few draws fixture generation needs.
type dice struct {
	rng *rand.Rand
}

func newDice(seed int64) dice {
	return dice{rng: rand.New(rand.NewPCG(uint64(seed), 0x76657263656c))}
}

// between returns a number in [lo, hi]; lo when hi < lo.
func (d dice) between(lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	return lo + d.rng.Int64N(hi-lo+1)
}

func (d dice) chance(p float64) bool {
	return d.rng.Float64() < p
}

func (d dice) intN(n int) int {
	return d.rng.IntN(n)
}

func (d dice) perm(n int) []int {
	return d.rng.Perm(n)
}

// hex returns n lowercase hex digits.
func (d dice) hex(n int) string {
	raw := make([]byte, (n+15)/16*8)
	for i := 0; i < len(raw); i += 8 {
		binary.BigEndian.PutUint64(raw[i:], d.rng.Uint64())
	}
	return hex.EncodeToString(raw)[:n]
}

const alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func (d dice) alnum(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphanumerics[d.rng.IntN(len(alphanumerics))]
	}
	return string(b)
}

func pick[T any](d dice, choices []T) T {
	return choices[d.rng.IntN(len(choices))]
}

type weighted[T any] struct {
	value  T
	weight int
}

func pickWeighted[T any](d dice, choices []weighted[T]) T {
	total := 0
	for _, c := range choices {
		total += c.weight
	}
	n := d.rng.IntN(total)
	for _, c := range choices {
		if n < c.weight {
			return c.value
		}
		n -= c.weight
	}
	return choices[len(choices)-1].value
}
