package analyze

import (
	"testing"

	"github.com/renewals/renewals/generator/contract"
)

// TestVerifyOutcomes: each kind of option set against what its devices
// did, by hand. The decisions were taken on a report of 2026-09-15; the
// estate is of 2026-12-15:
//   - R1 renewed on 2026-12-01 at 1,100.00 a year; R2 still on the line it
//     had (ends 2027-03-31, 800.00); R3 has no line now.
//   - T1 left the export.
func TestVerifyOutcomes(t *testing.T) {
	t.Parallel()
	e := &contract.Estate{AsOf: d("2026-12-15"), Currency: "USD", Snapshots: []contract.Snapshot{{Date: d("2026-12-15"), Lines: []contract.Line{
		ln("R1", "", "C1", "SNT", "2025-12-01", "2026-11-30", "1000.00"),
		ln("R1", "", "C1", "SNT", "2026-12-01", "2027-11-30", "1100.00"),
		ln("R2", "", "C1", "SNT", "2026-04-01", "2027-03-31", "800.00"),
		ln("R3", "", "C1", "SNT", "2025-10-01", "2026-09-30", "900.00"),
	}}}}
	r := Run(e, settings)
	m := func(s string) *Money { x := usd(s); return &x }
	then := d("2026-09-15")
	past := []PastDecision{
		{Quarter: "2026-Q3", AsOf: then, ID: "renew-c1", Serials: []string{"R1"}, DevicesCost: m("1000.00"),
			Options: []PastOption{{ID: "renew", Kind: KindRenew, AnnualCost: m("1050.00")}, {ID: OptionLetLapse, Kind: OptionLetLapse, AnnualSaving: m("1000.00")}}},
		{Quarter: "2026-Q3", AsOf: then, ID: "renew-c2", Serials: []string{"R1", "R2", "R3"}, DevicesCost: m("2700.00"),
			Options: []PastOption{{ID: "renew", Kind: KindRenew, AnnualCost: m("2700.00")}}},
		{Quarter: "2026-Q3", AsOf: then, ID: "past-ldos", Serials: []string{"T1", "R2"}, DevicesCost: m("1300.00"),
			Options: []PastOption{{ID: "tpm", Kind: KindTPM, AnnualSaving: m("780.00")}}},
		{Quarter: "2026-Q3", AsOf: then, ID: "duplicate-coverage", Serials: []string{"R2"}, DevicesCost: m("1600.00"),
			Options: []PastOption{{ID: KindDuplicate, Kind: KindDuplicate, AnnualSaving: m("800.00")}}},
		{Quarter: "2026-Q2", AsOf: d("2026-06-15"), ID: "renew-c1", Serials: []string{"R3"}, DevicesCost: m("900.00"),
			Options: []PastOption{{ID: "renew", Kind: KindRenew}}},
	}
	records := []Record{
		{ID: "renew-c1", Option: "renew", Status: "accepted", Date: d("2026-09-20")},
		{ID: "renew-c2", Option: "renew", Status: "accepted", Date: d("2026-09-20")},
		{ID: "past-ldos", Option: "tpm", Status: "accepted", Date: d("2026-09-20")},
		{ID: "duplicate-coverage", Option: KindDuplicate, Status: "accepted", Date: d("2026-09-20")},
		{ID: "renew-c1", Option: "renew", Status: "accepted", Date: d("2026-07-01")}, // the Q2 decision of that id
		{ID: "renew-c1", Option: "let-lapse", Status: "rejected", Date: d("2026-09-20")},
		{ID: "past-ldos", Option: "replace", Status: "accepted", Date: d("2026-09-20")},
		{ID: "no-such", Status: "deferred"},
		// Dated after the Q3 report, but named as taken on Q2's.
		{ID: "renew-c1", Option: "renew", Status: "accepted", Date: d("2026-09-20"), Quarter: "2026-Q2"},
		// Named as taken on a quarter that is not archived.
		{ID: "renew-c9", Option: "renew", Status: "accepted", Quarter: "2026-Q1"},
	}
	problems := r.Apply(records, past)
	if len(problems) != 3 || problems[0].Index != 6 || len(problems[0].Options) != 1 || problems[1].Index != 7 || problems[1].Options != nil {
		t.Fatalf("problems: %+v", problems)
	}
	eq(t, "entries", len(r.Register), 8)
	if e := r.Register[6]; e.Quarter != "2026-Q2" || e.Check == nil || e.Check.Outcome != NotRealised {
		t.Errorf("an entry named by its quarter: %+v", e)
	}
	if e := r.Register[7]; !e.Unarchived || len(problems) < 3 || !problems[2].Unarchived {
		t.Errorf("an entry of a quarter not archived: %+v, problems %+v", e, problems)
	}
	for i, want := range []struct {
		quarter, outcome         string
		left, renewed, unchanged int
		then, now, saving        string
		atQuoted                 string
	}{
		// 1,100.00 against 1,050.00 (+ 0.5 % = 1,055.25): above the price.
		{"2026-Q3", AboveQuote, 0, 1, 0, "1000.00", "1100.00", "-100.00", "false"},
		// R1 renewed, R2 not yet (its line started before the report), R3 lapsed.
		{"2026-Q3", Partly, 1, 1, 1, "2700.00", "1900.00", "800.00", "null"},
		// T1 left, R2 still on the vendor contract.
		{"2026-Q3", Partly, 1, 0, 1, "1300.00", "800.00", "500.00", "null"},
		// 1,600.00 then, 800.00 now: the 800.00 promised.
		{"2026-Q3", Realised, 0, 0, 1, "1600.00", "800.00", "800.00", "null"},
		{"2026-Q2", NotRealised, 1, 0, 0, "900.00", "0.00", "900.00", "null"},
	} {
		e := r.Register[i]
		v := e.Check
		if e.Quarter != want.quarter || v == nil {
			t.Errorf("entry %d: quarter %q, check %v", i, e.Quarter, v)
			continue
		}
		at := "null"
		if v.AtQuotedPrice != nil {
			at = map[bool]string{true: "true", false: "false"}[*v.AtQuotedPrice]
		}
		got := []any{v.Outcome, v.Left, v.Renewed, v.Unchanged, money(v.Then), money(v.Now), money(v.Saving), at}
		w := []any{want.outcome, want.left, want.renewed, want.unchanged, want.then, want.now, want.saving, want.atQuoted}
		for k := range got {
			if got[k] != w[k] {
				t.Errorf("entry %d (%s): got %v, want %v", i, e.ID, got, w)
				break
			}
		}
	}
	if e := r.Register[5]; e.Check != nil || e.Status != "rejected" {
		t.Errorf("a rejected option is verified: %+v", e)
	}
}
