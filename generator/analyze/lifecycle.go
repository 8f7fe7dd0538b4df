package analyze

import (
	"github.com/renewals/renewals/generator/contract"
)

func lifecycleIndex(recs []contract.Lifecycle) map[string]*contract.Lifecycle {
	m := make(map[string]*contract.Lifecycle, len(recs))
	for i := range recs {
		m[recs[i].ProductID] = &recs[i]
	}
	return m
}

// eoxLDoS returns the lifecycle file's LDoS for a product, or zero.
func eoxLDoS(pid string, life map[string]*contract.Lifecycle) contract.Date {
	if rec := life[pid]; rec != nil && rec.Announced {
		return rec.LastDateOfSupport
	}
	return 0
}

// deviceLDoS is the "LDoS of a device": the lifecycle file's
// LastDateOfSupport for its product ID, else the export's own LDoS column,
// else unknown.
func deviceLDoS(d *Device, life map[string]*contract.Lifecycle) (contract.Date, string) {
	if l := eoxLDoS(d.ProductID, life); !l.IsZero() {
		return l, "eox"
	}
	if l := d.exportLDoS; !l.IsZero() {
		return l, "export"
	}
	return 0, ""
}

// Lifecycle is the lifecycle risk of the current devices.
type Lifecycle struct {
	// HasInput is false when neither an EoX file nor the exports give any
	// LDoS, so that the figures say "no data" rather than zero.
	HasInput bool
	// PastLDoSPaid: LDoS < as_of and an active line with annualized net
	// > 0. Cost is the annualized net of those lines.
	PastLDoSPaid     RiskGroup
	PastLDoS         RiskGroup // every device past LDoS, paid or not
	Within12Months   RiskGroup // as_of < LDoS ≤ as_of + 365
	Within24Months   RiskGroup // as_of < LDoS ≤ as_of + 730
	RenewalEnded     RiskGroup // EndOfServiceContractRenewal < as_of
	UnknownLDoS      RiskGroup
	Products         []ProductRisk // one per product ID of the current devices
	FirstLDoSWithin  contract.Date // the earliest LDoS among Within12Months
	FirstPaidLineEnd contract.Date // the earliest end of a paid past-LDoS line after as_of
}

// RiskGroup is a set of devices and what their coverage costs per year.
type RiskGroup struct {
	Devices    int
	AnnualCost Money
	Serials    []string // in serial order
	Products   []string
	Contracts  []string
	Sites      []string

	products, contracts, sites set
}

func (g *RiskGroup) add(d *Device, cost Money) {
	g.Devices++
	g.AnnualCost += cost
	g.Serials = append(g.Serials, d.Serial)
	g.products.add(d.ProductID)
	g.sites.add(or(d.Site, NoSite))
	for _, c := range d.Contracts {
		g.contracts.add(c)
	}
}

func (g *RiskGroup) finish() {
	g.Products, g.Contracts, g.Sites = g.products.sorted(), g.contracts.sorted(), g.sites.sorted()
}

// set collects distinct strings; a repeat of the last one costs no map
// write.
type set struct {
	m    map[string]struct{}
	last string
}

func (s *set) add(v string) {
	if s.m != nil && v == s.last {
		return
	}
	if s.m == nil {
		s.m = map[string]struct{}{}
	}
	s.last = v
	s.m[v] = struct{}{}
}

func (s *set) sorted() []string { return sortedKeys(s.m) }

// ProductRisk is one product ID with its end-of-life milestones.
type ProductRisk struct {
	ProductID      string
	Description    string
	Devices        int
	Covered        int
	Announced      bool
	EndOfSale      contract.Date
	EndOfSWMaint   contract.Date
	EndOfRenewal   contract.Date
	EndOfAttach    contract.Date
	LDoS           contract.Date
	LDoSSource     string
	Migration      string
	AnnualCost     Money
	BulletinNumber string
	BulletinURL    string
}

func (r *Report) lifecycle(life map[string]*contract.Lifecycle) {
	asOf := r.AsOf
	lc := &r.Lifecycle
	products := map[string]*ProductRisk{}
	sizes := map[*RiskGroup]int{}
	for _, d := range r.Devices {
		lc.place(d, asOf, r.Priced, life, func(g *RiskGroup, _ *Device, _ Money) { sizes[g]++ })
	}
	for g, n := range sizes {
		g.Serials = make([]string, 0, n)
	}
	for _, d := range r.Devices {
		p := products[d.ProductID]
		if p == nil {
			p = &ProductRisk{ProductID: d.ProductID, LDoS: d.LDoS, LDoSSource: d.LDoSSource}
			if rec := life[d.ProductID]; rec != nil {
				p.Announced, p.Description = rec.Announced, rec.Description
				p.EndOfSale, p.EndOfSWMaint, p.EndOfRenewal, p.EndOfAttach = rec.EndOfSale, rec.EndOfSWMaintenance, rec.EndOfContractRenewal, rec.EndOfSvcAttach
				p.Migration, p.BulletinNumber, p.BulletinURL = rec.MigrationProductID, rec.Bulletin, rec.BulletinURL
			}
			products[d.ProductID] = p
		}
		p.Devices++
		p.AnnualCost += d.AnnualCost
		if d.Covered {
			p.Covered++
		}
		if p.Description == "" && len(d.Lines) > 0 {
			p.Description = d.Lines[0].Description
		}
		lc.place(d, asOf, r.Priced, life, (*RiskGroup).add)
	}
	for _, g := range []*RiskGroup{&lc.PastLDoSPaid, &lc.PastLDoS, &lc.Within12Months, &lc.Within24Months, &lc.RenewalEnded, &lc.UnknownLDoS} {
		g.finish()
	}
	for _, k := range sortedKeys(products) {
		lc.Products = append(lc.Products, *products[k])
	}
}

// place puts device d in its risk groups through add. What it sets on lc
// besides (HasInput, the earliest dates) comes out the same however often
// it runs, so lifecycle runs it twice: once to size the groups' serial
// lists, which a million devices would otherwise grow by doubling, once to
// fill them.
//
// Past LDoS and still paid means on an active line with annualized net
// above zero; with no prices in the exports, on an active line.
func (lc *Lifecycle) place(d *Device, asOf contract.Date, priced bool, life map[string]*contract.Lifecycle, add func(g *RiskGroup, d *Device, cost Money)) {
	lc.HasInput = lc.HasInput || !d.LDoS.IsZero() || len(life) > 0
	switch {
	case d.LDoS.IsZero():
		add(&lc.UnknownLDoS, d, d.AnnualCost)
	case d.LDoS.Before(asOf):
		add(&lc.PastLDoS, d, d.AnnualCost)
		var paid Money
		onContract := false
		for _, l := range d.Lines {
			if a := lineAnnual(l); l.ActiveOn(asOf) && (a > 0 || !priced) {
				paid += a
				onContract = true
				if l.End.After(asOf) && (lc.FirstPaidLineEnd.IsZero() || l.End.Before(lc.FirstPaidLineEnd)) {
					lc.FirstPaidLineEnd = l.End
				}
			}
		}
		if onContract {
			add(&lc.PastLDoSPaid, d, paid)
		}
	default:
		if !d.LDoS.After(asOf.AddDays(365)) {
			add(&lc.Within12Months, d, d.AnnualCost)
			if lc.FirstLDoSWithin.IsZero() || d.LDoS.Before(lc.FirstLDoSWithin) {
				lc.FirstLDoSWithin = d.LDoS
			}
		}
		if !d.LDoS.After(asOf.AddDays(730)) {
			add(&lc.Within24Months, d, d.AnnualCost)
		}
	}
	if rec := life[d.ProductID]; rec != nil && rec.Announced && !rec.EndOfContractRenewal.IsZero() && rec.EndOfContractRenewal.Before(asOf) {
		add(&lc.RenewalEnded, d, d.AnnualCost)
	}
}

// Duplicates is the duplicate coverage: devices with active MAJOR
// lines on two or more contracts. The line kept has the highest service
// level (then the latest end date, then the lowest contract number); the
// annualized net of the others is the saving.
type Duplicates struct {
	Serials      []string
	AnnualSaving Money
	Redundant    []*contract.Line
	Contracts    []string
	// FirstEnd is the earliest end date among the redundant lines.
	FirstEnd contract.Date
}

func (r *Report) duplicates() {
	for _, d := range r.Devices {
		if len(d.Lines) < 2 {
			continue
		}
		var active []*contract.Line
		several := false
		for _, l := range d.Lines {
			if l.ActiveOn(r.AsOf) {
				active = append(active, l)
				several = several || l.Contract != active[0].Contract
			}
		}
		if !several {
			continue
		}
		keep := active[0]
		for _, l := range active[1:] {
			if better(l, keep) {
				keep = l
			}
		}
		r.Duplicate.Serials = append(r.Duplicate.Serials, d.Serial)
		for _, l := range active {
			if l == keep {
				continue
			}
			r.Duplicate.Redundant = append(r.Duplicate.Redundant, l)
			r.Duplicate.AnnualSaving += lineAnnual(l)
			r.Duplicate.Contracts = append(r.Duplicate.Contracts, l.Contract)
			if r.Duplicate.FirstEnd.IsZero() || l.End.Before(r.Duplicate.FirstEnd) {
				r.Duplicate.FirstEnd = l.End
			}
		}
	}
	r.Duplicate.Contracts = dedupe(r.Duplicate.Contracts)
}

// better reports whether line a is kept over line b.
func better(a, b *contract.Line) bool {
	ra, rb := contract.ServiceLevelRank(a.ServiceLevel), contract.ServiceLevelRank(b.ServiceLevel)
	if ra != rb {
		return ra > rb
	}
	if a.End != b.End {
		return a.End.After(b.End)
	}
	return a.Contract < b.Contract
}
