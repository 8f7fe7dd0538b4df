package site

import (
	"strconv"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
)

// figureDef is a figure that commentary can insert with
// {{< figure NAME >}}.
type figureDef struct {
	Name, Doc string
	Value     func(r *analyze.Report) string
}

func pct(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) + " %" }

func n(i int) string { return thousands(i) }

var figureDefs = []figureDef{
	{"as_of", "the report date", func(r *analyze.Report) string { return r.AsOf.String() }},
	{"annual_spend", "annual spend (run rate)", func(r *analyze.Report) string { return r.Amount(r.Spend.Annual) }},
	{"term_value", "term value of active lines", func(r *analyze.Report) string { return r.Amount(r.Spend.TermValue) }},
	{"devices", "devices in the current snapshot", func(r *analyze.Report) string { return n(r.Status.Total) }},
	{"covered_devices", "covered devices", func(r *analyze.Report) string { return n(r.Status.Covered) }},
	{"uncovered_devices", "uncovered devices", func(r *analyze.Report) string { return n(r.Status.Uncovered) }},
	{"never_covered_devices", "never-covered devices", func(r *analyze.Report) string { return n(r.Status.NeverCovered) }},
	{"lapsed_devices", "lapsed devices", func(r *analyze.Report) string { return n(r.Status.Lapsed) }},
	{"contracts", "contracts in the current snapshot", func(r *analyze.Report) string { return n(len(r.Contracts)) }},
	{"expiring_devices", "devices expiring within horizon_days", func(r *analyze.Report) string { return n(r.Expiring.Devices) }},
	{"expiring_value", "annualized value of the expiring lines", func(r *analyze.Report) string { return r.Amount(r.Expiring.AnnualValue) }},
	{"past_ldos_devices", "devices past LDoS still paid for", func(r *analyze.Report) string { return n(r.Lifecycle.PastLDoSPaid.Devices) }},
	{"past_ldos_cost", "annual cost of those devices' coverage", func(r *analyze.Report) string { return r.Amount(r.Lifecycle.PastLDoSPaid.AnnualCost) }},
	{"ldos_12_months_devices", "devices reaching LDoS within 12 months", func(r *analyze.Report) string { return n(r.Lifecycle.Within12Months.Devices) }},
	{"duplicate_saving", "annual saving from removing duplicate coverage", func(r *analyze.Report) string { return r.Amount(r.Duplicate.AnnualSaving) }},
	{"reinstatement_exposure", "back-billing plus fees to reinstate lapsed devices", func(r *analyze.Report) string { return r.Amount(r.Reinstate.Exposure) }},
	{"change", "run-rate change since the previous snapshot", func(r *analyze.Report) string {
		if c := lastChange(r); c != nil {
			return r.Amount(c.Change)
		}
		return "no earlier snapshot"
	}},
	{"change_pct", "that change in percent", func(r *analyze.Report) string {
		if c := lastChange(r); c != nil {
			if !r.Priced {
				return NoPrices
			}
			return pct(c.ChangePct)
		}
		return "no earlier snapshot"
	}},
	{"cheapest_vendor_partner", "the cheapest vendor partner per year on the common scope", func(r *analyze.Report) string {
		if r.Quotes == nil || r.Quotes.CheapestVendor == "" {
			return "no vendor-partner quote"
		}
		return r.Quotes.CheapestVendor
	}},
	{"tpm_saving_pct", "TPM saving against the cheapest vendor partner", func(r *analyze.Report) string {
		if r.Quotes == nil || r.Quotes.CheapestVendor == "" {
			return "no quotes"
		}
		if r.Quotes.TPM.Estimate {
			return pct(r.Quotes.TPM.Pct) + " (estimate)"
		}
		return pct(r.Quotes.TPM.Pct)
	}},
	{"hybrid_saving_pct", "saving of the one-of-each hybrid", func(r *analyze.Report) string {
		if r.Quotes == nil || r.Quotes.CheapestVendor == "" {
			return "no quotes"
		}
		return pct(r.Quotes.Hybrid.Pct)
	}},
	{"recommendations", "number of recommendations", func(r *analyze.Report) string { return n(len(r.Advice)) }},
}

// FigureNames lists the names {{< figure NAME >}} accepts.
func FigureNames() []string {
	out := make([]string, len(figureDefs))
	for i, f := range figureDefs {
		out[i] = f.Name
	}
	return out
}

func figureValue(r *analyze.Report, name string) string {
	for _, f := range figureDefs {
		if f.Name == name {
			return f.Value(r)
		}
	}
	return ""
}

func lastChange(r *analyze.Report) *analyze.Change {
	if r.Trend == nil || len(r.Trend.Changes) == 0 {
		return nil
	}
	return &r.Trend.Changes[len(r.Trend.Changes)-1]
}

func thousands(n int) string { return contract.Thousands(n) }
