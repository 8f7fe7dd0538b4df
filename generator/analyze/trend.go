package analyze

import (
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
	ActiveLines    int
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

func trend(e *contract.Estate) *Trend {
	t := &Trend{}
	n := len(e.Snapshots)
	for i := n - 1; i >= 0; i-- {
		s := &e.Snapshots[i]
		on := s.Date
		if i == 0 {
			on = e.AsOf
		}
		sp := runRate(s.Lines, on)
		active := 0
		for j := range s.Lines {
			if s.Lines[j].ActiveOn(on) {
				active++
			}
		}
		t.Points = append(t.Points, TrendPoint{Date: s.Date, EvaluatedOn: on, AnnualSpend: sp.Annual,
			ByContract: sp.ByContract, ByServiceLevel: sp.ByServiceLevel, ActiveLines: active})
	}
	for i := 1; i < len(t.Points); i++ {
		older, newer := &e.Snapshots[n-i], &e.Snapshots[n-i-1]
		t.Changes = append(t.Changes, change(older, newer, t.Points[i-1], t.Points[i]))
	}
	return t
}

// change matches the active lines of two snapshots: on instance number and
// contract when both lines have an instance, otherwise on serial and
// contract. A match with another serial is an RMA replacement.
func change(older, newer *contract.Snapshot, po, pn TrendPoint) Change {
	c := Change{From: po.Date, To: pn.Date, Prior: po.AnnualSpend, Now: pn.AnnualSpend}
	c.Change = c.Now - c.Prior
	if c.Prior != 0 {
		c.ChangePct = round2(float64(c.Change) * 100 / float64(c.Prior))
	}
	type key struct{ id, contract string }
	byInstance := map[key][]*contract.Line{}
	bySerial := map[key][]*contract.Line{}
	matched := map[*contract.Line]bool{}
	for i := range older.Lines {
		l := &older.Lines[i]
		if !l.ActiveOn(po.EvaluatedOn) {
			continue
		}
		if l.Instance != "" {
			byInstance[key{l.Instance, l.Contract}] = append(byInstance[key{l.Instance, l.Contract}], l)
		}
		bySerial[key{l.Serial, l.Contract}] = append(bySerial[key{l.Serial, l.Contract}], l)
	}
	take := func(list []*contract.Line, ok func(*contract.Line) bool) *contract.Line {
		for _, l := range list {
			if !matched[l] && ok(l) {
				matched[l] = true
				return l
			}
		}
		return nil
	}
	for i := range newer.Lines {
		l := &newer.Lines[i]
		if !l.ActiveOn(pn.EvaluatedOn) {
			continue
		}
		now := lineAnnual(l)
		var prev *contract.Line
		if l.Instance != "" {
			prev = take(byInstance[key{l.Instance, l.Contract}], func(*contract.Line) bool { return true })
		}
		if prev == nil {
			prev = take(bySerial[key{l.Serial, l.Contract}], func(p *contract.Line) bool { return p.Instance == "" || l.Instance == "" })
		}
		if prev == nil {
			c.Added.add(now)
			continue
		}
		delta := now - lineAnnual(prev)
		switch {
		case prev.Serial != l.Serial:
			c.Replaced.add(delta)
		case prev.ServiceLevel != l.ServiceLevel:
			c.Level.add(delta)
		case delta != 0:
			c.Price.add(delta)
		}
	}
	for i := range older.Lines {
		l := &older.Lines[i]
		if l.ActiveOn(po.EvaluatedOn) && !matched[l] {
			c.Dropped.add(-lineAnnual(l))
		}
	}
	return c
}

func round2(f float64) float64 {
	if f < 0 {
		return -round2(-f)
	}
	return float64(int64(f*100+0.5)) / 100
}
