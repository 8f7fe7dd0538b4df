package analyze

import (
	"fmt"
	"testing"
)

// TestSerialIndex fills the index to its limit, finds every serial by
// its number and none it was not given, and after renumbering finds each
// by its new number.
func TestSerialIndex(t *testing.T) {
	var serials []string
	for i := range 5000 {
		serials = append(serials, fmt.Sprintf("FDO%04d%04X", i%97, i))
	}
	x := newSerialIndex(len(serials), func(n int32) string { return serials[n] })
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
	reversed := make([]string, len(serials))
	for i := range serials {
		to[i] = int32(len(serials) - 1 - i)
		reversed[to[i]] = serials[i]
	}
	x.renumber(to, func(n int32) string { return reversed[n] })
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

// TestTableSize: the smallest power of two, of at least 8, that n fills
// at most three quarters, and the shift from a 64-bit hash to its slots.
func TestTableSize(t *testing.T) {
	for _, n := range []int{0, 1, 6, 7, 12, 13, 1000, 980342} {
		size, shift := tableSize(n)
		if size&(size-1) != 0 || size < 8 || size*3 < n*4 || (size > 8 && size/2*3 >= n*4) {
			t.Errorf("tableSize(%d) = %d", n, size)
		}
		if 1<<(64-shift) != size {
			t.Errorf("tableSize(%d): shift %d for %d slots", n, shift, size)
		}
	}
}
