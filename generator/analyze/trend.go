package analyze

import (
	"slices"

	"github.com/renewals/renewals/generator/contract"
)

// Trend is the run rate of every snapshot, oldest first, and the change
// between each consecutive pair. The newest snapshot is evaluated at as_of,
// each earlier one at its own date.
type Trend struct {
	Points  []TrendPoint
	Changes []Change
}

// TrendPoint is one snapshot's run rate.
type TrendPoint struct {
	Date           contract.Date
	EvaluatedOn    contract.Date
	AnnualSpend    Money
	ByContract     map[string]Money
	ByServiceLevel map[string]Money
}

// Change explains the run-rate change from one snapshot to the next. The
// drivers add up to Change exactly.
type Change struct {
	From, To   contract.Date
	Prior, Now Money
	Change     Money
	// ChangePct is Change as a percentage of Prior, or 0 when Prior is 0.
	ChangePct float64
	Added     Driver // lines only in the newer snapshot
	Dropped   Driver // lines only in the older one (negative)
	Replaced  Driver // RMA swaps: a new serial on the same instance
	Price     Driver // the same line at another price
	Level     Driver // the same line at another service level
}

// Driver is one cause of a change.
type Driver struct {
	Lines  int
	Amount Money
}

func (d *Driver) add(a Money) {
	d.Lines++
	d.Amount += a
}

// trend computes the trend; current is the newest snapshot's run rate,
// already known.
func trend(e *contract.Estate, current Spend) *Trend {
	t := &Trend{}
	n := len(e.Snapshots)
	for i := n - 1; i >= 0; i-- {
		s := &e.Snapshots[i]
		on, sp := e.AsOf, current
		if i > 0 {
			on = s.Date
			sp = pastRunRate(viewOf(s), on)
		}
		t.Points = append(t.Points, TrendPoint{Date: s.Date, EvaluatedOn: on, AnnualSpend: sp.Annual,
			ByContract: sp.ByContract, ByServiceLevel: sp.ByServiceLevel})
	}
	var byInstance, bySerial chains
	for i := 1; i < len(t.Points); i++ {
		older, newer := &e.Snapshots[n-i], &e.Snapshots[n-i-1]
		t.Changes = append(t.Changes, change(older.PastLines(), viewOf(newer), t.Points[i-1], t.Points[i], &byInstance, &bySerial))
	}
	return t
}

// lineView reads a snapshot's lines as past lines, whether the snapshot
// keeps them so or whole, without making a copy of them all.
type lineView struct {
	n  int
	at func(i int) contract.PastLine
}

func viewOf(s *contract.Snapshot) lineView {
	if s.Lines == nil {
		return lineView{len(s.Past), func(i int) contract.PastLine { return s.Past[i] }}
	}
	return lineView{len(s.Lines), func(i int) contract.PastLine { return contract.Past(&s.Lines[i]) }}
}

// change matches the active lines of two snapshots: on instance number and
// contract when both lines have an instance, otherwise on serial and
// contract. A match with another serial is an RMA replacement.
//
// byInstance and bySerial are the indexes to use, whatever they hold.
func change(older []contract.PastLine, newer lineView, po, pn TrendPoint, byInstance, bySerial *chains) Change {
	c := Change{From: po.Date, To: pn.Date, Prior: po.AnnualSpend, Now: pn.AnnualSpend}
	c.Change = c.Now - c.Prior
	if c.Prior != 0 {
		c.ChangePct = round2(float64(c.Change) * 100 / float64(c.Prior))
	}
	// A line is found by serial only when it or its partner lacks an
	// instance number; when every newer line has one, only the older lines
	// without one need that index.
	newerLacks := false
	for i := 0; i < newer.n && !newerLacks; i++ {
		newerLacks = newer.at(i).Instance == ""
	}
	// The indexes are sized by a first pass: a hint of every line for both,
	// or none, would make or grow maps of a million entries at a million
	// devices, most of the page faults of the trend.
	var instances, serials [2]int // numeric, text
	for i := range older {
		l := &older[i]
		if !l.ActiveOn(po.EvaluatedOn) {
			continue
		}
		if l.Instance != "" {
			countID(&instances, l.Instance)
		}
		if l.Instance == "" || newerLacks {
			countID(&serials, l.Serial)
		}
	}
	byInstance.reset(len(older), instances)
	bySerial.reset(len(older), serials)
	for i := range older {
		l := &older[i]
		if !l.ActiveOn(po.EvaluatedOn) {
			continue
		}
		if l.Instance != "" {
			byInstance.add(l.Instance, i)
		}
		if l.Instance == "" || newerLacks {
			bySerial.add(l.Serial, i)
		}
	}
	matched := make([]bool, len(older))
	// take claims the first unmatched older line with the identifier on
	// the same contract that ok accepts.
	take := func(ch *chains, id, contractNo string, ok func(*contract.PastLine) bool) *contract.PastLine {
		for i := ch.first(id); i >= 0; i = ch.next[i] {
			if p := &older[i]; !matched[i] && p.Contract == contractNo && ok(p) {
				matched[i] = true
				return p
			}
		}
		return nil
	}
	any := func(*contract.PastLine) bool { return true }
	for i := range newer.n {
		l := newer.at(i)
		if !l.ActiveOn(pn.EvaluatedOn) {
			continue
		}
		now := annualized(l.ExtendedNet, l.Start, l.End)
		var prev *contract.PastLine
		if l.Instance != "" {
			prev = take(byInstance, l.Instance, l.Contract, any)
		}
		if prev == nil && !bySerial.empty() {
			prev = take(bySerial, l.Serial, l.Contract, func(p *contract.PastLine) bool { return p.Instance == "" || l.Instance == "" })
		}
		if prev == nil {
			c.Added.add(now)
			continue
		}
		delta := now - annualized(prev.ExtendedNet, prev.Start, prev.End)
		switch {
		case prev.Serial != l.Serial:
			c.Replaced.add(delta)
		case prev.ServiceLevel != l.ServiceLevel:
			c.Level.add(delta)
		case delta != 0:
			c.Price.add(delta)
		}
	}
	for i := range older {
		l := &older[i]
		if l.ActiveOn(po.EvaluatedOn) && !matched[i] {
			c.Dropped.add(-annualized(l.ExtendedNet, l.Start, l.End))
		}
	}
	return c
}

// chains indexes lines by an identifier (instance or serial number);
// lines that share one are chained in file order through next. Numeric
// identifiers, the usual case, are kept as integers in a table of their
// own (see numIndex).
type chains struct {
	num  numIndex
	text map[string]chainEnds
	next []int32
}

type chainEnds struct{ head, tail int32 }

// countID counts id as numeric (n[0]) or text (n[1]), as chains keys it.
func countID(n *[2]int, id string) {
	if _, ok := number(id); ok {
		n[0]++
	} else {
		n[1]++
	}
}

// reset makes c the empty index of n lines, sized for ids numeric and
// text identifiers (an upper bound: lines may share one). It keeps the
// memory c has: the trend indexes one pair of snapshots after another,
// and at a million devices an index is tens of megabytes that, with the
// collector paused, would be fresh memory each time.
func (c *chains) reset(n int, ids [2]int) {
	c.num.reset(ids[0])
	if c.text == nil {
		c.text = make(map[string]chainEnds, ids[1])
	} else {
		clear(c.text)
	}
	c.next = slices.Grow(c.next[:0], n)[:n]
	for i := range c.next {
		c.next[i] = -1
	}
}

func (c *chains) add(id string, i int) {
	if n, ok := number(id); ok {
		c.link(c.num.slot(n), i)
		return
	}
	e, found := c.text[id]
	if !found {
		e = chainEnds{-1, -1}
	}
	c.link(&e, i)
	c.text[id] = e
}

// link puts line i at the end of chain e.
func (c *chains) link(e *chainEnds, i int) {
	if e.head < 0 {
		e.head = int32(i)
	} else {
		c.next[e.tail] = int32(i)
	}
	e.tail = int32(i)
}

func (c *chains) first(id string) int32 {
	if n, isNum := number(id); isNum {
		if e := c.num.find(n); e != nil {
			return e.head
		}
		return -1
	}
	if e, ok := c.text[id]; ok {
		return e.head
	}
	return -1
}

func (c *chains) empty() bool { return c.num.n == 0 && len(c.text) == 0 }

// number reads up to 18 digits without a leading zero; anything else is
// kept as text, so that "007" and "7" stay distinct.
func number(s string) (uint64, bool) {
	if s == "" || len(s) > 18 || s[0] == '0' {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	return v, true
}

func round2(f float64) float64 {
	if f < 0 {
		return -round2(-f)
	}
	return float64(int64(f*100+0.5)) / 100
}

// numIndex maps numeric identifiers (never 0: see number) to their chains.
// At a million devices the trend looks up two and a half million of them
// in tables larger than any cache; a Go map spreads such a table over 4 KB
// pages, a TLB miss on nearly every lookup besides the cache miss. This is
// one open-addressed table with linear probing, in one slice that may be
// backed by huge pages (see bigmem), and kept from one reset to the next.
type numIndex struct {
	slots []numSlot
	shift uint8 // 64 − log2(len(slots))
	n     int   // identifiers held
}

type numSlot struct {
	id   uint64 // 0: empty
	ends chainEnds
}

// reset empties the table and sizes it for up to n identifiers, at most
// three quarters full.
func (t *numIndex) reset(n int) {
	size, shift := tableSize(n)
	if cap(t.slots) >= size {
		t.slots = t.slots[:size]
		clear(t.slots)
	} else {
		t.slots = make([]numSlot, size, size)
	}
	t.shift, t.n = shift, 0
}

// home is where id's probe starts: Fibonacci hashing, the high bits of
// id times 2⁶⁴/φ, which spreads consecutive numbers across the table.
func (t *numIndex) home(id uint64) int {
	return int((id * 0x9e3779b97f4a7c15) >> t.shift)
}

// find returns id's chain, or nil.
func (t *numIndex) find(id uint64) *chainEnds {
	mask := len(t.slots) - 1
	for i := t.home(id); ; i = (i + 1) & mask {
		switch s := &t.slots[i]; s.id {
		case id:
			return &s.ends
		case 0:
			return nil
		}
	}
}

// slot returns id's chain, made empty ({-1, -1}) when id is new. The
// table must have room for it (see reset).
func (t *numIndex) slot(id uint64) *chainEnds {
	mask := len(t.slots) - 1
	for i := t.home(id); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.id == id {
			return &s.ends
		}
		if s.id == 0 {
			s.id, s.ends = id, chainEnds{-1, -1}
			t.n++
			return &s.ends
		}
	}
}
