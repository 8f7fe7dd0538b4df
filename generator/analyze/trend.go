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
	var instances, serials int
	for i := range older {
		l := &older[i]
		if !l.ActiveOn(po.EvaluatedOn) {
			continue
		}
		if l.Instance != "" {
			instances++
		}
		if l.Instance == "" || newerLacks {
			serials++
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
// lines that share one are chained in file order through next.
type chains struct {
	ends map[string]chainEnds
	next []int32
}

type chainEnds struct{ head, tail int32 }

// reset makes c the empty index of n lines, sized for up to ids
// identifiers. It keeps the memory c has: the trend indexes one pair of
// snapshots after another.
func (c *chains) reset(n int, ids int) {
	if c.ends == nil {
		c.ends = make(map[string]chainEnds, ids)
	} else {
		clear(c.ends)
	}
	c.next = slices.Grow(c.next[:0], n)[:n]
	for i := range c.next {
		c.next[i] = -1
	}
}

func (c *chains) add(id string, i int) {
	e, found := c.ends[id]
	if !found {
		e = chainEnds{-1, -1}
	}
	if e.head < 0 {
		e.head = int32(i)
	} else {
		c.next[e.tail] = int32(i)
	}
	e.tail = int32(i)
	c.ends[id] = e
}

func (c *chains) first(id string) int32 {
	if e, ok := c.ends[id]; ok {
		return e.head
	}
	return -1
}

func (c *chains) empty() bool { return len(c.ends) == 0 }

func round2(f float64) float64 {
	if f < 0 {
		return -round2(-f)
	}
	return float64(int64(f*100+0.5)) / 100
}
