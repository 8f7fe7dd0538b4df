package analyze

import (
	"cmp"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/contract"
)

// Spend is the run rate: the annualized net of every line (MAJOR and
// MINOR) active on as_of, and its breakdowns. Each breakdown sums to
// Annual exactly, because it adds the same rounded line values.
type Spend struct {
	Annual Money
	// TermValue is the plain sum of Extended Net Price of the active
	// lines: the contract value over their terms, not annual spend.
	TermValue      Money
	ByContract     map[string]Money
	ByServiceLevel map[string]Money
	BySite         map[string]Money
	ByFamily       map[string]Money
}

// Names used where an export leaves a grouping blank.
const (
	NoSite     = "(no site)"
	NoFamily   = "(no family)"
	NoLevel    = "(no service level)"
	NoContract = "(no contract number)"
)

func or(s, dflt string) string {
	if s == "" {
		return dflt
	}
	return s
}

func (r *Report) spend(cur *contract.Snapshot) {
	r.Spend = runRate(cur.Lines, r.AsOf)
}

// runRate evaluates the current lines on day d, with the breakdowns by
// site and family.
func runRate(lines []contract.Line, d contract.Date) Spend {
	r := newRate()
	bySite, byFamily := map[string]Money{}, map[string]Money{}
	sites, families := newSums(bySite), newSums(byFamily)
	for i := range lines {
		l := &lines[i]
		if !l.ActiveOn(d) {
			continue
		}
		a := lineAnnual(l)
		r.add(a, l.ExtendedNet, l.Contract, l.ServiceLevel)
		sites.add(or(l.Site, NoSite), a)
		families.add(or(l.Family, NoFamily), a)
	}
	sites.flush()
	families.flush()
	s := r.spend()
	s.BySite, s.ByFamily = bySite, byFamily
	return s
}

// pastRunRate evaluates a snapshot's lines on day d as the trend reads
// them: without the breakdowns by site and family.
func pastRunRate(lines lineView, d contract.Date) Spend {
	r := newRate()
	for i := range lines.n {
		if l := lines.at(i); l.ActiveOn(d) {
			r.add(annualized(l.ExtendedNet, l.Start, l.End), l.ExtendedNet, l.Contract, l.ServiceLevel)
		}
	}
	return r.spend()
}

// rate sums what every run rate has: the annual spend, the term value,
// and the spend by contract and by service level.
type rate struct {
	s                 Spend
	contracts, levels *sums
}

func newRate() *rate {
	r := &rate{s: Spend{ByContract: map[string]Money{}, ByServiceLevel: map[string]Money{}}}
	r.contracts, r.levels = newSums(r.s.ByContract), newSums(r.s.ByServiceLevel)
	return r
}

// add counts an active line: its annualized net a and its net.
func (r *rate) add(a, net Money, contractNo, level string) {
	r.s.Annual += a
	r.s.TermValue += net
	r.contracts.add(or(contractNo, NoContract), a)
	r.levels.add(or(level, NoLevel), a)
}

// spend returns the sums, their keys with memory of their own.
func (r *rate) spend() Spend {
	r.contracts.flush()
	r.levels.flush()
	own(r.s.ByContract)
	own(r.s.ByServiceLevel)
	return r.s
}

// own gives the keys of m memory of their own. A line's text is a slice
// of its export's bytes, and a trend point outlives its snapshot's lines:
// a key that shared the export's bytes would keep the whole export.
func own(m map[string]Money) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for _, k := range keys {
		v := m[k]
		delete(m, k)
		m[strings.Clone(k)] = v
	}
}

// sums adds amounts into a map by key, holding the running key back so
// that a run of lines with the same key costs one map write, not one each.
type sums struct {
	m   map[string]Money
	key string
	acc Money
	set bool
}

func newSums(m map[string]Money) *sums { return &sums{m: m} }

func (s *sums) add(k string, a Money) {
	if s.set && k == s.key {
		s.acc += a
		return
	}
	s.flush()
	s.key, s.acc, s.set = k, a, true
}

func (s *sums) flush() {
	if s != nil && s.set {
		s.m[s.key] += s.acc
		s.set = false
	}
}

// Expiring is the "expiring within N days": active MAJOR lines
// whose end date is in (as_of, as_of + N]; devices whose latest active end
// date is in that window; and the annualized net of those lines.
type Expiring struct {
	HorizonDays int
	Lines       int
	Devices     int
	AnnualValue Money
	// Serials of the expiring devices, sorted.
	Serials []string
	// ByContract splits the expiring lines by contract.
	ByContract map[string]*ExpiringContract
}

// ExpiringContract is the expiring part of one contract.
type ExpiringContract struct {
	Lines       int
	AnnualValue Money
	FirstEnd    contract.Date
	Serials     []string
	Sites       []string
}

// Bucket counts active MAJOR lines by days until their end date.
type Bucket struct {
	Label       string
	From, To    int // days after as_of, inclusive; To < 0 means no limit
	Lines       int
	Devices     int // devices whose latest active end falls in the bucket
	AnnualValue Money
}

// Month is one month of the renewal calendar.
type Month struct {
	Month       string // 2026-11
	Lines       int
	Contracts   int
	AnnualValue Money
}

var bucketBounds = []Bucket{
	{Label: "0–30 days", From: 0, To: 30},
	{Label: "31–60 days", From: 31, To: 60},
	{Label: "61–90 days", From: 61, To: 90},
	{Label: "91–180 days", From: 91, To: 180},
	{Label: "181–365 days", From: 181, To: 365},
	{Label: "over 365 days", From: 366, To: -1},
}

func bucketOf(days int) int {
	for i, b := range bucketBounds {
		if days >= b.From && (b.To < 0 || days <= b.To) {
			return i
		}
	}
	return -1 // already ended
}

// renewals computes expiring lines and devices, the buckets and the
// 12-month calendar, which starts with the month of as_of.
func (r *Report) renewals(cur *contract.Snapshot) {
	asOf, n := r.AsOf, r.Settings.HorizonDays
	horizon := asOf.AddDays(n)
	r.Expiring.HorizonDays = n
	r.Expiring.ByContract = map[string]*ExpiringContract{}
	r.Buckets = append([]Bucket(nil), bucketBounds...)
	y, m, _ := asOf.Civil()
	first := contract.NewDate(y, m, 1)
	contractsIn := make([]map[string]bool, 12)
	r.Calendar = make([]Month, 12)
	for i := range r.Calendar {
		my, mm, _ := first.AddMonths(i).Civil()
		r.Calendar[i].Month = contract.NewDate(my, mm, 1).String()[:7]
		contractsIn[i] = map[string]bool{}
	}
	for i := range cur.Lines {
		l := &cur.Lines[i]
		if l.Minor || !l.ActiveOn(asOf) {
			continue
		}
		a := lineAnnual(l)
		if l.End.After(asOf) && !l.End.After(horizon) {
			r.Expiring.Lines++
			r.Expiring.AnnualValue += a
			ec := r.Expiring.ByContract[l.Contract]
			if ec == nil {
				ec = &ExpiringContract{FirstEnd: l.End}
				r.Expiring.ByContract[l.Contract] = ec
			}
			ec.Lines++
			ec.AnnualValue += a
			ec.FirstEnd = min(ec.FirstEnd, l.End)
			ec.Serials = append(ec.Serials, l.Serial)
			ec.Sites = append(ec.Sites, or(l.Site, NoSite))
		}
		if b := bucketOf(l.End.Sub(asOf)); b >= 0 {
			r.Buckets[b].Lines++
			r.Buckets[b].AnnualValue += a
		}
		ly, lm, _ := l.End.Civil()
		if k := (ly-y)*12 + int(lm) - int(m); k >= 0 && k < 12 && l.End.After(asOf) {
			r.Calendar[k].Lines++
			r.Calendar[k].AnnualValue += a
			contractsIn[k][l.Contract] = true
		}
	}
	for i := range r.Calendar {
		r.Calendar[i].Contracts = len(contractsIn[i])
	}
	for _, ec := range r.Expiring.ByContract {
		ec.Serials, ec.Sites = dedupe(ec.Serials), dedupe(ec.Sites)
	}
	for _, d := range r.Devices {
		if !d.Covered {
			continue
		}
		if d.ActiveEnd.After(asOf) && !d.ActiveEnd.After(horizon) {
			r.Expiring.Devices++
			r.Expiring.Serials = append(r.Expiring.Serials, d.Serial)
		}
		if b := bucketOf(d.ActiveEnd.Sub(asOf)); b >= 0 {
			r.Buckets[b].Devices++
		}
	}
}

// ContractSummary describes one contract of the current snapshot.
type ContractSummary struct {
	Number       string
	Label        string
	ServiceLevel []string // the codes on its lines
	Lines        int
	ActiveLines  int
	Devices      int
	Sites        []string
	AnnualSpend  Money
	TermValue    Money
	EndDates     []contract.Date // distinct end dates of its active lines
	NextEnd      contract.Date   // the earliest end date after as_of, or zero
	// DecideBy is NextEnd minus decision_lead_days.
	DecideBy contract.Date
	Lapsed   bool // no active line, and every line ended before as_of
	LastEnd  contract.Date
}

func (r *Report) contracts(cur *contract.Snapshot) {
	type acc struct {
		c      ContractSummary
		levels map[string]bool
		sites  map[string]bool
		ends   map[contract.Date]bool
	}
	all := map[string]*acc{}
	for i := range cur.Lines {
		l := &cur.Lines[i]
		if l.Contract == "" {
			continue
		}
		a := all[l.Contract]
		if a == nil {
			a = &acc{c: ContractSummary{Number: l.Contract}, levels: map[string]bool{}, sites: map[string]bool{}, ends: map[contract.Date]bool{}}
			all[l.Contract] = a
		}
		if a.c.Label == "" {
			a.c.Label = cmp.Or(r.Settings.ContractLabels[l.Contract], l.ContractLabel)
		}
		a.c.Lines++
		a.c.LastEnd = max(a.c.LastEnd, l.End)
		if l.ServiceLevel != "" {
			a.levels[l.ServiceLevel] = true
		}
		if l.Site != "" {
			a.sites[l.Site] = true
		}
		if !l.ActiveOn(r.AsOf) {
			continue
		}
		a.c.ActiveLines++
		a.c.AnnualSpend += lineAnnual(l)
		a.c.TermValue += l.ExtendedNet
		a.ends[l.End] = true
		if l.End.After(r.AsOf) && (a.c.NextEnd.IsZero() || l.End.Before(a.c.NextEnd)) {
			a.c.NextEnd = l.End
		}
	}
	for _, k := range sortedKeys(all) {
		a := all[k]
		c := a.c
		c.ServiceLevel = sortedKeys(a.levels)
		c.Sites = sortedKeys(a.sites)
		for d := range a.ends {
			c.EndDates = append(c.EndDates, d)
		}
		sortDates(c.EndDates)
		if !c.NextEnd.IsZero() {
			c.DecideBy = c.NextEnd.AddDays(-r.Settings.DecisionLeadDays)
		}
		c.Lapsed = c.ActiveLines == 0 && c.LastEnd.Before(r.AsOf)
		r.Contracts = append(r.Contracts, c)
	}
}

func sortDates(d []contract.Date) { slices.Sort(d) }

// CoTerm is the co-termination: the distinct end dates among
// active lines, the contracts whose active lines end on more than one
// date, and a proposal to align them.
type CoTerm struct {
	DistinctEndDates   int
	EndDates           []contract.Date
	MultiDateContracts []string
	// Target is the proposed common end date: the one that carries the most
	// annual spend today.
	Target contract.Date
	// AlignLines and AlignContracts end before Target; AlignCost is the
	// pro-rata value of extending them to it.
	AlignLines     int
	AlignContracts []string
	AlignCost      Money
	// FirstAlignEnd is the earliest end date among the lines to align.
	FirstAlignEnd contract.Date
}

// contractDevices counts each contract's devices: those with a major line
// on it, which is what a device's Contracts lists. Counted from the
// devices once both are built, instead of a set of serials per contract
// filled line by line (at a million devices, 800 sets grown to a million
// entries in all).
func (r *Report) contractDevices() {
	n := make(map[string]int, len(r.Contracts))
	for _, d := range r.Devices {
		for _, c := range d.Contracts {
			n[c]++
		}
	}
	for i := range r.Contracts {
		r.Contracts[i].Devices = n[r.Contracts[i].Number]
	}
}

func (r *Report) coterm(cur *contract.Snapshot) {
	// The target is the end date that carries the most annual spend; with
	// no prices in the exports, the most active lines.
	value := map[contract.Date]Money{}
	for i := range cur.Lines {
		l := &cur.Lines[i]
		if l.ActiveOn(r.AsOf) {
			if r.Priced {
				value[l.End] += lineAnnual(l)
			} else {
				value[l.End]++
			}
		}
	}
	for d := range value {
		r.CoTerm.EndDates = append(r.CoTerm.EndDates, d)
	}
	sortDates(r.CoTerm.EndDates)
	r.CoTerm.DistinctEndDates = len(r.CoTerm.EndDates)
	for _, c := range r.Contracts {
		if len(c.EndDates) > 1 {
			r.CoTerm.MultiDateContracts = append(r.CoTerm.MultiDateContracts, c.Number)
		}
	}
	for _, d := range r.CoTerm.EndDates { // ascending, so a tie goes to the later date
		if value[d] >= value[r.CoTerm.Target] {
			r.CoTerm.Target = d
		}
	}
	if r.CoTerm.DistinctEndDates < 2 {
		return
	}
	contracts := map[string]bool{}
	for i := range cur.Lines {
		l := &cur.Lines[i]
		if !l.ActiveOn(r.AsOf) || !l.End.Before(r.CoTerm.Target) {
			continue
		}
		r.CoTerm.AlignLines++
		r.CoTerm.AlignCost += lineAnnual(l).MulDiv(int64(r.CoTerm.Target.Sub(l.End)), 365)
		contracts[l.Contract] = true
		if r.CoTerm.FirstAlignEnd.IsZero() || l.End.Before(r.CoTerm.FirstAlignEnd) {
			r.CoTerm.FirstAlignEnd = l.End
		}
	}
	r.CoTerm.AlignContracts = sortedKeys(contracts)
}
