package analyze

import (
	"slices"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/contract"
)

func decision(t *testing.T, r *Report, id string) *Decision {
	t.Helper()
	for i := range r.Decisions {
		if r.Decisions[i].ID == id {
			return &r.Decisions[i]
		}
	}
	t.Fatalf("no decision %s among %d", id, len(r.Decisions))
	return nil
}

func option(t *testing.T, d *Decision, id string) Option {
	t.Helper()
	for _, o := range d.Options {
		if o.ID == id {
			return o
		}
	}
	t.Fatalf("%s has no option %s", d.ID, id)
	return Option{}
}

func money(m *Money) string {
	if m == nil {
		return "null"
	}
	return m.String()
}

// TestDecisionsByHand: on estateQ the choice of partner, TPM and the
// hybrid is one decision on the two devices every partner quoted, set
// against what they cost today (S1's 900.00; S2 is not in the export).
// S1 is on SNTP (24x7x4), so it is critical and neither TPM nor the
// hybrid is recommended; money_at_stake counts the recommended option of
// each decision once.
func TestDecisionsByHand(t *testing.T) {
	t.Parallel()
	r := Run(estateQ(true), settings)
	d := decision(t, r, "renewal-quoted")
	eq(t, "devices", len(d.Serials), 2)
	eq(t, "critical", d.Critical, 1)
	for _, c := range []struct{ id, saving, cost string }{
		{OptionRenewAsIs, "null", "900.00"},
		{OptionPartner, "-2100.00", "3000.00"}, // V1 on the common scope
		{"tpm", "-300.00", "1200.00"},          // 3000 − the TPM saving of 1800
		{"hybrid", "-900.00", "1800.00"},
	} {
		o := option(t, d, c.id)
		eq(t, c.id+" saving", money(o.AnnualSaving), c.saving)
		eq(t, c.id+" cost", money(o.AnnualCost), c.cost)
	}
	eq(t, "recommended", d.Recommended, OptionPartner)
	if !strings.Contains(d.Reason, "1 device is critical") {
		t.Errorf("the reason does not say why TPM is not recommended: %s", d.Reason)
	}
	eq(t, "stake", money(d.Stake()), "3000.00") // no saving against today: its cost
	// The decide-by date (the quotes' first start, 2027-01-01, less 45
	// days) is before as_of.
	if !d.Passed || !strings.Contains(d.Still, "has passed: decide now. Renewing after 2027-01-01 means a lapse") {
		t.Errorf("passed %v: %s", d.Passed, d.Still)
	}
	renew := decision(t, r, "renew-c1")
	eq(t, "renew recommended", renew.Recommended, KindRenew)
	eq(t, "let-lapse offered", money(option(t, renew, OptionLetLapse).AnnualSaving), "900.00")
	// 3000 + 900; the replacement has no price. The alternatives, added,
	// would be 900 + 3000 + 1200 + 1800 + 900 + 900.
	sum, known := r.MoneyAtStake()
	eq(t, "money at stake", sum, usd("3900.00"))
	eq(t, "money at stake known", known, true)
	figs := r.Figures()
	if figs.MoneyAtStake == nil || Money(*figs.MoneyAtStake) != usd("3900.00") || len(figs.Decisions) != len(r.Decisions) {
		t.Errorf("figures: %v, %d decisions", figs.MoneyAtStake, len(figs.Decisions))
	}
	if o := figs.Decisions[0].Options; !o[1].Recommended || o[2].Recommended || o[0].AnnualCost == nil || o[0].AnnualSaving != nil {
		t.Errorf("figures' options: %+v", o)
	}

	// The config names other devices critical: S1 is not, and TPM, the
	// cheapest per year, is recommended.
	s := settings
	s.Critical = []CriticalRule{{Sites: []string{"Branch *"}, Families: []string{"ROUTERS"}}}
	r = Run(estateQ(true), s)
	d = decision(t, r, "renewal-quoted")
	eq(t, "critical by the config", d.Critical, 0)
	eq(t, "recommended without critical devices", d.Recommended, "tpm")
	sum, _ = r.MoneyAtStake()
	eq(t, "money at stake", sum, usd("2100.00")) // 1200 + 900

	// A glob on the product ID makes S1 critical again.
	s.Critical = []CriticalRule{{ProductIDs: []string{"p-*"}}}
	eq(t, "critical by product glob", decision(t, Run(estateQ(true), s), "renewal-quoted").Recommended, OptionPartner)
}

// TestPastLDoSDecision: devices past LDoS and still paid are renewed as
// is, moved to TPM, replaced or let lapse; TPM is recommended, or the
// replacement when one of them is critical.
func TestPastLDoSDecision(t *testing.T) {
	t.Parallel()
	estate := func(level string) *contract.Estate {
		x := ln("X1", "1", "C9", level, "2026-06-01", "2027-05-31", "1000.00")
		x.ProductID = "OLD-1"
		return &contract.Estate{AsOf: d("2026-11-23"), Currency: "USD",
			Snapshots: []contract.Snapshot{{Date: d("2026-11-20"), Lines: []contract.Line{x}}},
			Lifecycle: []contract.Lifecycle{{ProductID: "OLD-1", Announced: true, LastDateOfSupport: d("2026-01-31")}}}
	}
	r := Run(estate("SNT"), settings)
	dec := decision(t, r, "past-ldos")
	eq(t, "as is", money(option(t, dec, OptionRenewAsIs).AnnualCost), "1000.00")
	eq(t, "TPM cost", money(option(t, dec, "tpm").AnnualCost), "400.00") // at a 60 % discount
	eq(t, "TPM saving", money(option(t, dec, "tpm").AnnualSaving), "600.00")
	eq(t, "replace", money(option(t, dec, "replace").Once), "null")
	eq(t, "recommended", dec.Recommended, "tpm")
	eq(t, "stake", money(dec.Stake()), "600.00")

	dec = decision(t, Run(estate("C4P"), settings), "past-ldos")
	eq(t, "recommended for a critical device", dec.Recommended, "replace")
	eq(t, "stake", money(dec.Stake()), "null")
}

// TestContractLabelsFromTheConfig: a name the config gives a contract wins
// over the export's, and the advice names the contract by it.
func TestContractLabelsFromTheConfig(t *testing.T) {
	t.Parallel()
	s := settings
	s.ContractLabels = map[string]string{"C1": "Data centre core"}
	e := estateQ(false)
	e.Snapshots[0].Lines[0].ContractLabel = "EH-DC-CORE"
	r := Run(e, s)
	eq(t, "label", r.Contracts[0].Label, "Data centre core")
	if !strings.Contains(decision(t, r, "renew-c1").Title, "C1 (Data centre core)") {
		t.Errorf("the renewal does not name the contract: %s", decision(t, r, "renew-c1").Title)
	}
	eq(t, "the export's name without the config's", Run(e, settings).Contracts[0].Label, "EH-DC-CORE")
}

// TestOneVendorPartner: with one vendor partner quoting (estateQ without
// V2), choosing it saves nothing against another: the advice carries what
// renewing with it costs on the common scope, and says to ask another
// partner.
func TestOneVendorPartner(t *testing.T) {
	t.Parallel()
	e := estateQ(true)
	e.Quotes = slices.DeleteFunc(e.Quotes, func(q contract.QuoteLine) bool { return q.Partner == "V2" })
	r := Run(e, settings)
	v1 := slices.IndexFunc(r.Quotes.Partners, func(p Partner) bool { return p.Name == "V1" })
	for _, a := range r.Advice {
		if a.ID != "choose-quote" {
			continue
		}
		if a.MoneyKind != MoneyCost || a.Money != r.Quotes.Partners[v1].CommonAnnualized || a.Money == 0 || !slices.ContainsFunc(a.Caveats, func(c string) bool { return strings.Contains(c, "only vendor partner") }) {
			t.Errorf("choose-quote: %s %v, caveats %q", a.MoneyKind, a.Money, a.Caveats)
		}
		return
	}
	t.Error("no choose-quote advice")
}
