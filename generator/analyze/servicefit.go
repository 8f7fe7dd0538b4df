// Service level against need: devices covered above or below the level
// their class of criticality needs.

package analyze

import (
	"fmt"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/contract"
)

// ServiceFit sets each covered device's service level against the target
// of its class (Settings.ServiceTargets): Above and Below list the devices
// off target, each with the yearly money of moving it.
type ServiceFit struct {
	Targets      map[string]string // class → service level code
	Above, Below []FitDevice
	// AboveSaving and BelowCost add the known money of moving each list
	// to its target; Unpriced counts the devices whose money is unknown.
	AboveSaving, BelowCost       Money
	AboveUnpriced, BelowUnpriced int
}

// FitDevice is a device whose service level is off its class's target.
type FitDevice struct {
	Serial, ProductID, Site, Class string
	Level, Target                  string
	End                            contract.Date // of the line at Level
	// Today is the annualized net of its line at Level; AtTarget the
	// yearly price of its product ID at Target, and Source where that
	// price comes from (a partner's quote, or the estate's own lines).
	// Change is AtTarget − Today: below zero a saving. Each is nil when
	// unknown.
	Today, AtTarget, Change *Money
	Source                  string
	above                   bool // above its target, else below
}

// The classes of device [service_targets] sets a level for.
const (
	ClassCritical = "critical"
	ClassStandard = "standard"
)

// serviceFit finds the devices off their target level; nil without
// targets.
func (r *Report) serviceFit(quotes []contract.QuoteLine) *ServiceFit {
	targets := r.Settings.ServiceTargets
	if len(targets) == 0 {
		return nil
	}
	// First the devices off target, then the prices of their product IDs
	// at their targets only.
	var off []FitDevice
	need := map[levelKey]bool{}
	for _, d := range r.Devices {
		class := ClassStandard
		if r.critical(d) {
			class = ClassCritical
		}
		target, ok := targets[class]
		if !ok || !d.Covered {
			continue
		}
		l := r.renewedLine(d, "")
		c := compareLevels(l.ServiceLevel, target)
		if c == 0 {
			continue
		}
		fd := FitDevice{Serial: d.Serial, ProductID: d.ProductID, Site: d.Site, Class: class, Level: l.ServiceLevel, Target: target, End: l.End, above: c > 0}
		if r.Priced {
			today := lineAnnual(l)
			fd.Today = &today
		}
		off = append(off, fd)
		need[fd.key()] = true
	}
	f := &ServiceFit{Targets: targets}
	prices := r.levelPrices(quotes, need)
	for _, fd := range off {
		if p, ok := prices[fd.key()]; ok {
			at := p.price
			fd.AtTarget, fd.Source = &at, p.source
			if fd.Today != nil {
				change := at - *fd.Today
				fd.Change = &change
			}
		}
		switch {
		case fd.above && fd.Change != nil:
			f.AboveSaving -= *fd.Change
		case fd.above:
			f.AboveUnpriced++
		case fd.Change != nil:
			f.BelowCost += *fd.Change
		default:
			f.BelowUnpriced++
		}
		if fd.above {
			f.Above = append(f.Above, fd)
		} else {
			f.Below = append(f.Below, fd)
		}
	}
	return f
}

// key is the product ID and target level whose price moves the device.
func (fd *FitDevice) key() levelKey { return levelKey{strings.ToUpper(fd.ProductID), fd.Target} }

type levelKey struct{ product, level string }

type levelPrice struct {
	price  Money
	source string
}

// levelPrices prices a product ID at a service level for a year: the
// lowest annualized line of a vendor partner's quote, else the median
// annualized net of the estate's active lines (the lower middle one of an
// even count).
func (r *Report) levelPrices(quotes []contract.QuoteLine, need map[levelKey]bool) map[levelKey]levelPrice {
	out := map[levelKey]levelPrice{}
	if len(need) == 0 {
		return out
	}
	for i := range quotes {
		q := &quotes[i]
		if q.Kind != contract.VendorPartner || q.ProductNumber == "" || q.InclusiveDays() <= 0 {
			continue
		}
		k := levelKey{strings.ToUpper(q.ProductNumber), strings.ToUpper(q.ServiceLevel)}
		if !need[k] {
			continue
		}
		p := annualized(q.ExtendedNet, q.Start, q.End)
		if old, ok := out[k]; !ok || p < old.price {
			out[k] = levelPrice{p, "quote from " + q.Partner}
		}
	}
	if !r.Priced {
		return out
	}
	seen := map[levelKey][]Money{}
	for _, d := range r.Devices {
		for _, l := range d.Lines {
			if l.ActiveOn(r.AsOf) && l.ExtendedNet > 0 {
				if k := (levelKey{strings.ToUpper(d.ProductID), strings.ToUpper(l.ServiceLevel)}); need[k] {
					seen[k] = append(seen[k], lineAnnual(l))
				}
			}
		}
	}
	for k, ps := range seen {
		if _, quoted := out[k]; quoted {
			continue
		}
		slices.Sort(ps)
		out[k] = levelPrice{ps[(len(ps)-1)/2], fmt.Sprintf("the estate (median of %s)", plural(len(ps), "line", "lines"))}
	}
	return out
}

// serviceAdvice recommends moving the devices off target to their
// class's level at their renewal: lowering those above it saves, raising
// those below it costs.
func (r *Report) serviceAdvice(f *ServiceFit, add func(Recommendation)) {
	for _, side := range []struct {
		kind, verb, kindOfMoney string
		devices                 []FitDevice
		money                   Money
		unpriced                int
	}{
		{KindServiceAbove, "Lower", MoneySaving, f.Above, f.AboveSaving, f.AboveUnpriced},
		{KindServiceBelow, "Raise", MoneyCost, f.Below, f.BelowCost, f.BelowUnpriced},
	} {
		n := len(side.devices)
		if n == 0 {
			continue
		}
		var serials []string
		var first contract.Date
		byClass := map[string]int{}
		for _, d := range side.devices {
			serials = append(serials, d.Serial)
			first = cmpDate(first, d.End)
			byClass[d.Class]++
		}
		where := "above"
		if side.kind == KindServiceBelow {
			where = "below"
		}
		rec := Recommendation{ID: side.kind, Kind: side.kind, MoneyKind: side.kindOfMoney, Money: side.money, NoMoney: side.unpriced == n,
			Action: fmt.Sprintf("%s the service level of %s %s what their class needs, at their renewal, the first on %s.",
				side.verb, plural(n, "device", "devices"), where, first),
			DecideBy: r.decideBy(first), Serials: serials}
		for _, class := range []string{ClassCritical, ClassStandard} {
			if k := byClass[class]; k > 0 {
				rec.Evidence = append(rec.Evidence, fmt.Sprintf("%s %s %s, the target for %s devices.", plural(k, class+" device is", class+" devices are"), where, f.Targets[class], class))
			}
		}
		if side.unpriced > 0 {
			rec.Caveats = append(rec.Caveats, fmt.Sprintf("%s no price at the target level for its product ID in a quote or the estate: the money leaves %s out; ask a partner to quote that level.",
				plural(side.unpriced, "device has", "devices have"), map[bool]string{true: "it", false: "them"}[side.unpriced == 1]))
		}
		if side.kind == KindServiceAbove {
			rec.Caveats = append(rec.Caveats, "A lower level means a slower response to a failure: confirm each class's target with the people who run the network.")
		}
		add(rec)
	}
}
