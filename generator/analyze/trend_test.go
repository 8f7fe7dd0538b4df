package analyze

import (
	"math/rand/v2"
	"testing"
)

// TestNumIndex fills the table to its limit with identifiers, some
// consecutive and some spread, finds each with its own chain, finds none
// of those it was not given, and starts empty after a reset.
func TestNumIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var ids []uint64
	for i := range uint64(3000) {
		ids = append(ids, 1845000000+i, 1+rng.Uint64N(1<<60))
	}
	var x numIndex
	for round, n := range []int{len(ids), len(ids) / 2} {
		x.reset(n)
		for i, id := range ids[:n] {
			e := x.slot(id)
			if e.head != -1 {
				t.Fatalf("round %d: %d is not new", round, id)
			}
			e.head, e.tail = int32(i), int32(i)
		}
		if x.n != n {
			t.Errorf("round %d: %d identifiers, want %d", round, x.n, n)
		}
		for i, id := range ids[:n] {
			if e := x.find(id); e == nil || e.head != int32(i) {
				t.Fatalf("round %d: %d not found as line %d: %v", round, id, i, e)
			}
			if e := x.slot(id); e.head != int32(i) {
				t.Fatalf("round %d: slot(%d) made a new chain", round, id)
			}
		}
		for _, id := range ids[n:] {
			if e := x.find(id); e != nil {
				t.Errorf("round %d: %d found though never added", round, id)
			}
		}
		if x.find(7) != nil {
			t.Errorf("round %d: 7 found", round)
		}
	}
}
