package analyze

import (
	"fmt"
	"testing"
)

// TestSerialIndex fills the index to its limit, finds every serial by
// its number and none it was not given, and after renumbering finds each
// by its new number.
func TestSerialIndex(t *testing.T) {
	t.Parallel()
	var serials []string
	for i := range 5000 {
		serials = append(serials, fmt.Sprintf("FDO%04d%04X", i%97, i))
	}
	x := newSerialIndex(len(serials))
	for i, s := range serials {
		if n, added := x.add(s, int32(i)); !added || n != int32(i) {
			t.Fatalf("add(%q) = %d, %v; want %d, true", s, n, added, i)
		}
	}
	for i, s := range serials {
		if n, added := x.add(s, -7); added || n != int32(i) {
			t.Fatalf("add(%q) again = %d, %v; want %d, false", s, n, added, i)
		}
		if n, ok := x.get(s); !ok || n != int32(i) {
			t.Fatalf("get(%q) = %d, %v; want %d", s, n, ok, i)
		}
	}
	for _, s := range []string{"", "FDO0000000", "FDO00000000 ", "fdo00000000"} {
		if n, ok := x.get(s); ok {
			t.Errorf("get(%q) = %d, found though never added", s, n)
		}
	}
	// Reverse the numbers, as the devices' ranks renumber the serials.
	to := make([]int32, len(serials))
	for i := range serials {
		to[i] = int32(len(serials) - 1 - i)
	}
	x.renumber(to)
	for i, s := range serials {
		if n, ok := x.get(s); !ok || n != to[i] {
			t.Fatalf("after renumbering, get(%q) = %d, %v; want %d", s, n, ok, to[i])
		}
	}
	var none *serialIndex
	if _, ok := none.get("A"); ok {
		t.Error("a nil index finds a serial")
	}
}
