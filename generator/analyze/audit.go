package analyze

import (
	"slices"

	"github.com/renewals/renewals/generator/contract"
)

// The quote audit sets every partner quote against what the estate pays
// today (README: "What the report computes", Quote audit): per line, the
// current line it renews, the uplift and the service level against
// today's; per partner, the uplift on its matched lines, the lines above
// the uplift cap, the expiring devices it leaves out, which lapse if it
// is signed as it is, and the devices it adds.

// DefaultUpliftCap is the uplift above which a quote line is flagged.
const DefaultUpliftCap = 0.05

// QuoteAudit is the audit of every partner's quote.
type QuoteAudit struct {
	UpliftCap float64
	Partners  []PartnerAudit
}

// PartnerAudit is one partner's quote against today.
type PartnerAudit struct {
	Name string
	Kind contract.PartnerKind
	// Matched counts its lines that renew a current line; Quoted and
	// Current are their annualized sums, and UpliftPct the change.
	Matched         int
	Quoted, Current Money
	UpliftPct       float64
	// OverCap, Higher and Lower count matched lines above the uplift cap,
	// and quoted at a higher or a lower service level than today's.
	OverCap, Higher, Lower int
	// LeftOut are the expiring devices the quote does not cover, with
	// what they cost a year today; Added the quoted devices that are not
	// in the current snapshot or never were covered, with what the quote
	// asks for them a year.
	LeftOut      []string
	LeftOutMoney Money
	Added        []string
	AddedMoney   Money
	Lines        []LineAudit
}

// LineAudit is one quote line against the line it renews.
type LineAudit struct {
	Ref                       contract.Ref
	Serial                    string
	Quoted                    Money // annualized
	Matched                   bool
	Current                   Money // the matched line's annualized net
	QuotedLevel, CurrentLevel string
	// Level is +1 when quoted higher than today, −1 lower, 0 the same or
	// not comparable.
	Level     int
	UpliftPct float64
	OverCap   bool
}

// audit builds the quote audit.
func (r *Report) audit(e *contract.Estate) *QuoteAudit {
	if len(e.Quotes) == 0 {
		return nil
	}
	cap := r.Settings.UpliftCap
	if cap == 0 {
		cap = DefaultUpliftCap
	}
	a := &QuoteAudit{UpliftCap: cap}
	byName := map[string]int{}
	expiring := r.Expiring.Serials
	for _, q := range e.Quotes {
		i, ok := byName[q.Partner]
		if !ok {
			i = len(a.Partners)
			byName[q.Partner] = i
			a.Partners = append(a.Partners, PartnerAudit{Name: q.Partner, Kind: q.Kind})
		}
		p := &a.Partners[i]
		la := LineAudit{Ref: q.Ref, Serial: q.Serial, Quoted: annualized(q.ExtendedNet, q.Start, q.End), QuotedLevel: q.ServiceLevel}
		d := r.Device(q.Serial)
		if d == nil || d.NeverCovered {
			p.Added = append(p.Added, q.Serial)
			p.AddedMoney += la.Quoted
		}
		if l := r.renewedLine(d, q.Instance); l != nil {
			la.Matched, la.Current, la.CurrentLevel = true, lineAnnual(l), l.ServiceLevel
			la.Level = compareLevels(la.QuotedLevel, la.CurrentLevel)
			if la.Current > 0 {
				la.UpliftPct = round2((float64(la.Quoted)/float64(la.Current) - 1) * 100)
				la.OverCap = float64(la.Quoted) > float64(la.Current)*(1+cap)
			}
			p.Matched++
			p.Quoted += la.Quoted
			p.Current += la.Current
			if la.OverCap {
				p.OverCap++
			}
			switch la.Level {
			case 1:
				p.Higher++
			case -1:
				p.Lower++
			}
		}
		p.Lines = append(p.Lines, la)
	}
	for i := range a.Partners {
		p := &a.Partners[i]
		if p.Current > 0 {
			p.UpliftPct = round2((float64(p.Quoted)/float64(p.Current) - 1) * 100)
		}
		quoted := map[string]bool{}
		for _, l := range p.Lines {
			quoted[l.Serial] = true
		}
		for _, s := range expiring {
			if !quoted[s] {
				p.LeftOut = append(p.LeftOut, s)
				if d := r.Device(s); d != nil {
					p.LeftOutMoney += d.AnnualCost
				}
			}
		}
		p.Added = dedupe(p.Added)
		slices.Sort(p.LeftOut)
	}
	return a
}

// renewedLine is the current line a quote line for device d renews: the
// one with the same instance when both name one, active on as_of (the
// highest service level, then the latest end), else the one that ended
// last; nil for a device the snapshot does not have.
func (r *Report) renewedLine(d *Device, instance string) *contract.Line {
	if d == nil {
		return nil
	}
	var best *contract.Line
	for _, l := range d.Lines {
		if instance != "" && l.Instance != "" && l.Instance != instance {
			continue
		}
		if best == nil {
			best = l
			continue
		}
		la, lb := l.ActiveOn(r.AsOf), best.ActiveOn(r.AsOf)
		switch {
		case la != lb:
			if la {
				best = l
			}
		case la:
			if c := compareLevels(l.ServiceLevel, best.ServiceLevel); c > 0 || c == 0 && l.End.After(best.End) {
				best = l
			}
		case l.End.After(best.End):
			best = l
		}
	}
	return best
}

// compareLevels ranks two service levels by the lookup table: +1 when a
// is higher, −1 lower, 0 the same or when either is not in the table.
func compareLevels(a, b string) int {
	la, okA := contract.LookupServiceLevel(a)
	lb, okB := contract.LookupServiceLevel(b)
	switch {
	case !okA || !okB || la.Rank == lb.Rank:
		return 0
	case la.Rank > lb.Rank:
		return 1
	}
	return -1
}
