package analyze

import (
	"testing"

	"github.com/renewals/renewals/generator/contract"
)

// TestServiceFitByHand: critical devices (site DC) need SNTP, the others
// SNT. As of 2026-11-23, each line a year long:
//   - A1 (C9300, DC) on SNT, 365.00: below. A partner quotes C9300 on SNTP
//     at 600.00, which wins over the estate's 730.00 (A2): +235.00 a year.
//   - B1 (C9500, branch) on C2P, 2,000.00: above. The estate prices C9500
//     on SNT at the lower middle of 1,000.00 and 1,200.00: −1,000.00.
//   - C1 (ISR4331) on SNTP: above, and nothing prices ISR4331 on SNT.
//   - A2, B2, B3 are on target; T1's level is a TPM's code (neither); U1
//     is uncovered.
func TestServiceFitByHand(t *testing.T) {
	t.Parallel()
	pid := func(l contract.Line, p, site string) contract.Line { l.ProductID, l.Site = p, site; return l }
	e := &contract.Estate{AsOf: d("2026-11-23"), Currency: "USD", Snapshots: []contract.Snapshot{{Date: d("2026-11-23"), Lines: []contract.Line{
		pid(ln("A1", "", "C1", "SNT", "2026-01-01", "2026-12-31", "365.00"), "C9300", "DC"),
		pid(ln("A2", "", "C1", "SNTP", "2026-01-01", "2026-12-31", "730.00"), "C9300", "DC"),
		pid(ln("B1", "", "C2", "C2P", "2026-06-01", "2027-05-31", "2000.00"), "C9500", "Branch"),
		pid(ln("B2", "", "C2", "SNT", "2026-06-01", "2027-05-31", "1000.00"), "C9500", "Branch"),
		pid(ln("B3", "", "C2", "SNT", "2026-06-01", "2027-05-31", "1200.00"), "C9500", "Branch"),
		pid(ln("C1", "", "C2", "SNTP", "2026-06-01", "2027-05-31", "900.00"), "ISR4331", "Branch"),
		pid(ln("T1", "", "C3", "TPM-GOLD", "2026-06-01", "2027-05-31", "100.00"), "C9500", "Branch"),
		pid(ln("U1", "", "C3", "SNTP", "2025-06-01", "2026-05-31", "100.00"), "C9500", "Branch"),
	}}}, Quotes: []contract.QuoteLine{
		{Partner: "V1", Kind: contract.VendorPartner, Serial: "A1", ProductNumber: "C9300", ServiceLevel: "SNTP", Start: d("2027-01-01"), End: d("2027-12-31"), ExtendedNet: usd("600.00")},
		{Partner: "T", Kind: contract.TPM, Serial: "A1", ProductNumber: "C9300", ServiceLevel: "SNTP", Start: d("2027-01-01"), End: d("2027-12-31"), ExtendedNet: usd("100.00")},
	}}
	s := settings
	s.Critical = []CriticalRule{{Sites: []string{"DC"}}}
	s.ServiceTargets = map[string]string{"critical": "SNTP", "standard": "SNT"}
	r := Run(e, s)
	f := r.ServiceFit
	if f == nil {
		t.Fatal("no service fit with targets")
	}
	type row struct{ serial, class, level, target, today, at, change, source string }
	got := func(ds []FitDevice) []row {
		var out []row
		for _, x := range ds {
			out = append(out, row{x.Serial, x.Class, x.Level, x.Target, money(x.Today), money(x.AtTarget), money(x.Change), x.Source})
		}
		return out
	}
	eqRows := func(what string, g, w []row) {
		t.Helper()
		if len(g) != len(w) {
			t.Fatalf("%s: %+v, want %+v", what, g, w)
		}
		for i := range g {
			if g[i] != w[i] {
				t.Errorf("%s %d: %+v, want %+v", what, i, g[i], w[i])
			}
		}
	}
	eqRows("above", got(f.Above), []row{
		{"B1", "standard", "C2P", "SNT", "2000.00", "1000.00", "-1000.00", "the estate (median of 2 lines)"},
		{"C1", "standard", "SNTP", "SNT", "900.00", "null", "null", ""},
	})
	eqRows("below", got(f.Below), []row{{"A1", "critical", "SNT", "SNTP", "365.00", "600.00", "235.00", "quote from V1"}})
	eq(t, "above saving", f.AboveSaving, usd("1000.00"))
	eq(t, "above unpriced", f.AboveUnpriced, 1)
	eq(t, "below cost", f.BelowCost, usd("235.00"))
	eq(t, "below unpriced", f.BelowUnpriced, 0)
	above := decision(t, r, KindServiceAbove)
	eq(t, "above option saving", money(option(t, above, KindServiceAbove).AnnualSaving), "1000.00")
	below := decision(t, r, KindServiceBelow)
	eq(t, "below option cost", money(option(t, below, KindServiceBelow).AnnualCost), "235.00")

	s.ServiceTargets = nil
	if r := Run(e, s); r.ServiceFit != nil || r.Figures().ServiceFit != nil {
		t.Error("a service fit without targets")
	}
}
