package analyze

import (
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/contract"
)

func ql(partner string, kind contract.PartnerKind, serial, product, start, end, net string) contract.QuoteLine {
	return contract.QuoteLine{Partner: partner, Kind: kind, Serial: serial, ProductNumber: product, Start: d(start), End: d(end),
		ExtendedNet: usd(net), QuoteNumber: "Q-" + partner, Ref: contract.Ref{File: partner + ".csv"}}
}

// estateQ: S1 is in the export (P-A, EoX LDoS 2027-06-30); S2 is not, but
// its product P-A is in the EoX file; S3 is in neither, and the quote's own
// LDoS column says 2026-10-31. V2 co-terms to 2027-06-30 (181 days), so
// its headline total is the lowest although it costs more per year.
func estateQ(withTPM bool) *contract.Estate {
	v, tpm := contract.VendorPartner, contract.TPM
	lines := []contract.QuoteLine{
		ql("V1", v, "S1", "P-A", "2027-01-01", "2027-12-31", "1000.00"),
		ql("V1", v, "S2", "P-A", "2027-01-01", "2027-12-31", "2000.00"),
		ql("V1", v, "S3", "P-C", "2027-01-01", "2027-12-31", "500.00"),
		ql("V2", v, "S1", "P-A", "2027-01-01", "2027-06-30", "550.00"),  // 550 × 365 / 181 = 1109.12
		ql("V2", v, "S2", "P-A", "2027-01-01", "2027-06-30", "1050.00"), // 1050 × 365 / 181 = 2117.40
	}
	lines[2].LDoS = d("2026-10-31")
	if withTPM {
		lines = append(lines,
			ql("T", tpm, "S1", "P-A", "2027-01-01", "2027-12-31", "400.00"),
			ql("T", tpm, "S2", "P-A", "2027-01-01", "2027-12-31", "800.00"),
			ql("T", tpm, "S3", "P-C", "2027-01-01", "2027-12-31", "200.00"))
		lines[7].LDoS = d("2026-10-31")
	}
	s1 := ln("S1", "I1", "C1", "SNTP", "2026-01-01", "2026-12-31", "900.00")
	s1.ProductID = "P-A"
	return &contract.Estate{
		AsOf: d("2026-11-23"), Currency: "USD",
		Snapshots: []contract.Snapshot{{Date: d("2026-11-20"), Lines: []contract.Line{s1}}},
		Lifecycle: []contract.Lifecycle{{ProductID: "P-A", Announced: true, LastDateOfSupport: d("2027-06-30")}},
		Quotes:    lines,
		QuoteTotals: []contract.QuoteTotal{
			{Partner: "V1", QuoteNumber: "Q-V1", Amount: usd("3600.00"), Ref: contract.Ref{File: "V1.csv", Line: 9}},
			{Partner: "V2", QuoteNumber: "Q-V2", Amount: usd("1600.00"), Ref: contract.Ref{File: "V2.csv", Line: 9}},
		},
	}
}

func partner(q *Quotes, name string) Partner {
	for _, p := range q.Partners {
		if p.Name == name {
			return p
		}
	}
	return Partner{}
}

func TestQuotesByHand(t *testing.T) {
	t.Parallel()
	q := Run(estateQ(true), settings).Quotes
	eq(t, "common scope", len(q.CommonScope), 2) // S3 is not quoted by V2
	v1, v2, tp := partner(q, "V1"), partner(q, "V2"), partner(q, "T")
	eq(t, "V1 headline", v1.Headline, usd("3500.00"))
	eq(t, "V1 common annualized", v1.CommonAnnualized, usd("3000.00"))
	eq(t, "V2 common headline", v2.CommonHeadline, usd("1600.00"))
	eq(t, "V2 common annualized", v2.CommonAnnualized, usd("3226.52"))
	eq(t, "V2 term", v2.AvgTermDays, 181)
	eq(t, "cheapest vendor", q.CheapestVendor, "V1")
	if q.Trap == nil || q.Trap.HeadlineCheapest != "V2" || q.Trap.AnnualCheapest != "V1" {
		t.Errorf("trap = %+v", q.Trap)
	}
	// 1 − 1200 / 3000
	eq(t, "TPM saving", q.TPM, Saving{Pct: 60, Amount: usd("1800.00")})
	// S1 stays with V1 (1000.00), S2 goes to T (800.00): 1800 against 3000.
	eq(t, "hybrid cost", q.Hybrid.Cost, usd("1800.00"))
	eq(t, "hybrid saving", q.Hybrid.Saving, Saving{Pct: 40, Amount: usd("1200.00")})
	eq(t, "hybrid units", [2]int{q.Hybrid.VendorUnits, q.Hybrid.TPMUnits}, [2]int{1, 1})

	// V1: every line ends after its LDoS (S1 by the device, S2 by the EoX
	// file through its product, S3 by the quote's own column); S3 is
	// already past LDoS.
	eq(t, "V1 lines past LDoS", v1.LinesPastLDoS, 3)
	eq(t, "V1 lines for devices past LDoS", v1.LinesDevicePastLDoS, 1)
	eq(t, "V2 lines past LDoS", v2.LinesPastLDoS, 0) // ends on the LDoS itself
	eq(t, "T lines past LDoS", tp.LinesPastLDoS, 3)
	eq(t, "flagged", len(q.Flagged), 7) // V1: 3 + 1; T: 3 (a TPM may cover past LDoS)
	eq(t, "total mismatches", len(q.TotalMismatches), 1)
	eq(t, "mismatch", q.TotalMismatches[0].Sum, usd("3500.00"))
}

func TestTPMEstimateWithoutTPMQuote(t *testing.T) {
	t.Parallel()
	r := Run(estateQ(false), settings)
	q := r.Quotes
	eq(t, "TPM estimate", q.TPM, Saving{Pct: 60, Amount: usd("1800.00"), Estimate: true})
	// Hybrid with estimated TPM prices: S2 at 2000 × 0.4 = 800.
	eq(t, "hybrid estimate", q.Hybrid.Saving, Saving{Pct: 40, Amount: usd("1200.00"), Estimate: true})
	var found bool
	for _, a := range r.Advice {
		if a.Kind == KindTPM {
			found = true
			if len(a.Caveats) < 2 || a.Caveats[1] != "Estimate from tpm_discount, not from a quote." {
				t.Errorf("estimate not labelled: %+v", a)
			}
		}
	}
	if !found {
		t.Error("no TPM recommendation")
	}
}

func TestQuoteAdviceExplainsTheTrap(t *testing.T) {
	t.Parallel()
	r := Run(estateQ(true), settings)
	var rec *Recommendation
	for i := range r.Advice {
		if r.Advice[i].Kind == KindQuote {
			rec = &r.Advice[i]
		}
	}
	if rec == nil {
		t.Fatal("no quote recommendation")
	}
	eq(t, "action", rec.Action, "Choose V1 for the 2 devices every partner quoted: USD 3,000.00 a year, USD 226.52 less than V2.")
	eq(t, "saving", rec.Money, usd("226.52"))
	eq(t, "decide by", rec.DecideBy, d("2026-11-17")) // 2027-01-01 − 45 days
	want := "V2 has the lowest headline total (USD 1,600.00) only because its terms are shorter (181 days on average): per year it costs USD 3,226.52, more than V1. Compare annualized figures, not headline totals."
	if len(rec.Caveats) == 0 || rec.Caveats[0] != want {
		t.Errorf("caveats = %q", rec.Caveats)
	}
}

// TestCommonScopeInSerialOrder quotes serials in and out of the export in
// no order: the common scope lists them by serial, and the hybrid keeps
// the lowest serial of the product (A, outside the export) at the vendor.
// B's quote lines give no product number; its device's product is used.
func TestCommonScopeInSerialOrder(t *testing.T) {
	t.Parallel()
	v, tpm := contract.VendorPartner, contract.TPM
	var lines []contract.QuoteLine
	for _, p := range []struct {
		name   string
		kind   contract.PartnerKind
		prices [4]string // D, C, A, B
	}{{"V", v, [4]string{"400.00", "300.00", "100.00", "200.00"}}, {"T", tpm, [4]string{"40.00", "30.00", "10.00", "20.00"}}} {
		for i, s := range []string{"D", "C", "A", "B"} {
			product := "P-X"
			if s == "B" {
				product = ""
			}
			lines = append(lines, ql(p.name, p.kind, s, product, "2027-01-01", "2027-12-31", p.prices[i]))
		}
	}
	b, dev := ln("B", "1", "C1", "SNT", "2026-01-01", "2026-12-31", "1.00"), ln("D", "2", "C1", "SNT", "2026-01-01", "2026-12-31", "1.00")
	b.ProductID, dev.ProductID = "P-X", "P-X"
	e := &contract.Estate{AsOf: d("2026-11-23"), Currency: "USD",
		Snapshots: []contract.Snapshot{{Date: d("2026-11-20"), Lines: []contract.Line{dev, b}}},
		Quotes:    lines}
	q := Run(e, settings).Quotes
	eq(t, "common scope", strings.Join(q.CommonScope, " "), "A B C D")
	eq(t, "hybrid products", q.Hybrid.Products, 1)
	eq(t, "hybrid units", [2]int{q.Hybrid.VendorUnits, q.Hybrid.TPMUnits}, [2]int{1, 3})
	eq(t, "hybrid all at the vendor", q.Hybrid.AllVendor, usd("1000.00"))
	eq(t, "hybrid cost: A at the vendor, B, C and D at the TPM", q.Hybrid.Cost, usd("190.00"))
}
