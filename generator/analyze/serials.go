package analyze

import (
	"hash/maphash"
)

// serialIndex maps serial numbers to small integers: while the devices
// are made, to the order in which the lines name them; once the devices
// are laid out (see renumber), to their places in Report.Devices.
//
// At a million devices a Go map of the serials was a tenth of the
// analysis: made with room for every line, it touched 37 MB of fresh 4 KB
// pages, and each lookup missed the TLB besides the cache. This is one
// open-addressed table with linear probing in one slice that may be backed
// by huge pages (see bigmem). A slot holds a number and a few bits of the
// serial's hash, so that a probe reads a serial only when those bits agree.
type serialIndex struct {
	seed  maphash.Seed
	slots []serialSlot
	shift uint8 // 64 − log2(len(slots))
	key   func(n int32) string
}

type serialSlot struct {
	tag uint32 // the low bits of the serial's hash
	n   int32  // the serial's number + 1; 0: empty
}

// newSerialIndex makes an empty index for up to n serials, at most three
// quarters full. key returns the serial of a number the index holds.
func newSerialIndex(n int, key func(n int32) string) *serialIndex {
	size, shift := tableSize(n)
	return &serialIndex{seed: maphash.MakeSeed(), slots: make([]serialSlot, size, size), shift: shift, key: key}
}

// find returns the slot of s: the slot that holds it, or the empty one
// where it would go.
func (x *serialIndex) find(s string) *serialSlot {
	h := maphash.String(x.seed, s)
	tag, mask := uint32(h), len(x.slots)-1
	for i := int(h >> x.shift); ; i = (i + 1) & mask {
		sl := &x.slots[i]
		if sl.n == 0 || sl.tag == tag && x.key(sl.n-1) == s {
			return sl
		}
	}
}

// get returns the number of s.
func (x *serialIndex) get(s string) (n int32, ok bool) {
	if x == nil {
		return 0, false
	}
	sl := x.find(s)
	return sl.n - 1, sl.n != 0
}

// add returns the number of s, giving it next when it has none. The index
// must have room for it (see newSerialIndex).
func (x *serialIndex) add(s string, next int32) (n int32, added bool) {
	sl := x.find(s)
	if sl.n != 0 {
		return sl.n - 1, false
	}
	sl.tag, sl.n = uint32(maphash.String(x.seed, s)), next+1
	return next, true
}

// renumber replaces every number n by to[n]; key then reads the new ones.
func (x *serialIndex) renumber(to []int32, key func(n int32) string) {
	for i := range x.slots {
		if sl := &x.slots[i]; sl.n != 0 {
			sl.n = to[sl.n-1] + 1
		}
	}
	x.key = key
}

// tableSize sizes an open-addressed table for up to n entries, at most
// three quarters full: a power of two, and the shift that takes a 64-bit
// hash to a slot.
func tableSize(n int) (size int, shift uint8) {
	size, bits := 8, uint8(3)
	for size*3 < n*4 {
		size, bits = size*2, bits+1
	}
	return size, 64 - bits
}
