package analyze

import (
	"slices"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/contract"
)

func partnerAudit(t *testing.T, a *QuoteAudit, name string) PartnerAudit {
	t.Helper()
	for _, p := range a.Partners {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no audit of %s", name)
	return PartnerAudit{}
}

// TestQuoteAuditByHand: on estateQ, S1 is today on SNTP at 900.00 a year
// and expires within the horizon; S2 and S3 are not in the export. V1
// quotes S1 at 1000.00 on S2P, T at 400.00 on SNT, and V2, here, leaves S1
// out.
func TestQuoteAuditByHand(t *testing.T) {
	t.Parallel()
	e := estateQ(true)
	e.Quotes = slices.DeleteFunc(e.Quotes, func(q contract.QuoteLine) bool { return q.Partner == "V2" && q.Serial == "S1" })
	for i := range e.Quotes {
		switch {
		case e.Quotes[i].Partner == "V1" && e.Quotes[i].Serial == "S1":
			e.Quotes[i].ServiceLevel = "S2P"
		case e.Quotes[i].Partner == "T" && e.Quotes[i].Serial == "S1":
			e.Quotes[i].ServiceLevel = "SNT"
		}
	}
	a := Run(e, settings).Audit
	eq(t, "cap", a.UpliftCap, DefaultUpliftCap)
	v1 := partnerAudit(t, a, "V1")
	eq(t, "V1 matched", v1.Matched, 1)
	eq(t, "V1 quoted", v1.Quoted, usd("1000.00"))
	eq(t, "V1 today", v1.Current, usd("900.00"))
	eq(t, "V1 uplift", v1.UpliftPct, 11.11) // 1000 / 900 − 1
	eq(t, "V1 over the 5 % cap", v1.OverCap, 1)
	eq(t, "V1 higher level", [2]int{v1.Higher, v1.Lower}, [2]int{1, 0})
	eq(t, "V1 added", strings.Join(v1.Added, " "), "S2 S3")
	eq(t, "V1 added money", v1.AddedMoney, usd("2500.00"))
	eq(t, "V1 left out", len(v1.LeftOut), 0)
	eq(t, "S1's line", v1.Lines[0].CurrentLevel, "SNTP")

	tp := partnerAudit(t, a, "T")
	eq(t, "T uplift", tp.UpliftPct, -55.56) // 400 / 900 − 1
	eq(t, "T over the cap", tp.OverCap, 0)
	eq(t, "T lower level", [2]int{tp.Higher, tp.Lower}, [2]int{0, 1})

	v2 := partnerAudit(t, a, "V2")
	eq(t, "V2 matched", v2.Matched, 0)
	eq(t, "V2 left out", strings.Join(v2.LeftOut, " "), "S1")
	eq(t, "V2 left out money", v2.LeftOutMoney, usd("900.00"))
	eq(t, "V2 uplift without a matched line", v2.UpliftPct, 0.0)
}

// TestAuditCaveatsOnTheDecision: the quote decision's options carry what
// the audit found in their partner's quote.
func TestAuditCaveatsOnTheDecision(t *testing.T) {
	t.Parallel()
	e := estateQ(true)
	e.Quotes = slices.DeleteFunc(e.Quotes, func(q contract.QuoteLine) bool { return q.Partner == "T" && q.Serial == "S1" })
	r := Run(e, settings)
	d := decision(t, r, "renewal-quoted")
	partner := strings.Join(option(t, d, OptionPartner).Caveats, " ")
	if !strings.Contains(partner, "Its quote is 11.11 % above today's prices on the 1 line it renews; 1 line is above the 5 % cap.") {
		t.Errorf("the partner option's caveats: %s", partner)
	}
	if tpm := strings.Join(option(t, d, "tpm").Caveats, " "); !strings.Contains(tpm, "It leaves out 1 expiring device: they lapse if the quote is signed as it is.") {
		t.Errorf("the TPM option's caveats: %s", tpm)
	}
}
