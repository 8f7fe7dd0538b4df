package analyze

import (
	"cmp"
	"slices"

	"github.com/renewals/renewals/generator/contract"
)

// Quality is the data quality page: what was read, what was changed or
// dropped, and where sources disagree.
type Quality struct {
	Files        []contract.FileStat
	Rows         int
	Dropped      int
	DroppedMoney Money
	// WarningsByKind counts quirks by kind across every file, plus the
	// findings of analysis ("ldos-disagreement", "quote-total").
	WarningsByKind map[string]int
	Quirks         []contract.Quirk
	// LDoSDisagreements lists products whose export LDoS differs from the
	// lifecycle file; the lifecycle file wins.
	LDoSDisagreements []LDoSDisagreement
	// UnknownServiceLevels counts current lines by unknown code.
	UnknownServiceLevels map[string]int
}

// LDoSDisagreement is one product whose sources disagree.
type LDoSDisagreement struct {
	ProductID string
	EoX       contract.Date
	Export    contract.Date
	Devices   int
}

func (r *Report) quality(e *contract.Estate, life map[string]*contract.Lifecycle) {
	q := &r.Quality
	q.Files = e.Files()
	q.WarningsByKind = map[string]int{}
	q.UnknownServiceLevels = map[string]int{}
	for _, f := range q.Files {
		q.Rows += f.Rows
		q.Dropped += f.Dropped
		q.DroppedMoney += f.DroppedMoney
	}
	q.Quirks = e.Quirks
	for _, k := range e.Quirks {
		q.WarningsByKind[k.Kind] += k.Count
	}
	type key struct {
		pid      string
		eox, exp contract.Date
	}
	seen := map[key]int{}
	var order []key
	for _, d := range r.Devices {
		eox, exp := eoxLDoS(d.ProductID, life), d.exportLDoS
		if eox.IsZero() || exp.IsZero() || eox == exp {
			continue
		}
		k := key{d.ProductID, eox, exp}
		if seen[k] == 0 {
			order = append(order, k)
		}
		seen[k]++
	}
	slices.SortFunc(order, func(a, b key) int { return cmp.Compare(a.pid, b.pid) })
	for _, k := range order {
		q.LDoSDisagreements = append(q.LDoSDisagreements, LDoSDisagreement{k.pid, k.eox, k.exp, seen[k]})
		q.WarningsByKind["ldos-disagreement"]++
	}
	if cur := e.Current(); cur != nil {
		for i := range cur.Lines {
			if sl := cur.Lines[i].ServiceLevel; sl != "" {
				if _, ok := contract.LookupServiceLevel(sl); !ok {
					q.UnknownServiceLevels[sl]++
				}
			}
		}
	}
	if r.Quotes != nil {
		q.WarningsByKind["quote-total"] += len(r.Quotes.TotalMismatches)
	}
}
