package analyze

// serialIndex maps serial numbers to small integers: while the devices
// are made, to the order in which the lines name them; once the devices
// are laid out (see renumber), to their places in Report.Devices.
type serialIndex struct {
	m map[string]int32
}

// newSerialIndex makes an empty index with room for n serials.
func newSerialIndex(n int) *serialIndex {
	return &serialIndex{m: make(map[string]int32, n)}
}

// get returns the number of s.
func (x *serialIndex) get(s string) (n int32, ok bool) {
	if x == nil {
		return 0, false
	}
	n, ok = x.m[s]
	return n, ok
}

// add returns the number of s, giving it next when it has none.
func (x *serialIndex) add(s string, next int32) (n int32, added bool) {
	if n, ok := x.m[s]; ok {
		return n, false
	}
	x.m[s] = next
	return next, true
}

// renumber replaces every number n by to[n].
func (x *serialIndex) renumber(to []int32) {
	for s, n := range x.m {
		x.m[s] = to[n]
	}
}
