package analyze

import (
	"slices"
	"testing"
)

func TestAdviceRanking(t *testing.T) {
	t.Parallel()
	r := Run(estateA(), settings)
	var ids []string
	for _, a := range r.Advice {
		ids = append(ids, a.ID)
	}
	// Money × urgency (×6 when the decide-by date is within 30 days, ×3
	// within 90, ×2 otherwise or with no date):
	//   renew-c1     2781.42 × 6   past-ldos  1512.00 × 6   tpm    3293.05 × 2
	//   replace      2242.00 × 2   lapsed      173.97 × 6   duplicate 365 × 2
	//   co-term        76.00 × 6   never-covered 0
	want := []string{"renew-c1", "past-ldos", "tpm", "replace-ldos-12m", "lapsed", "duplicate-coverage", "co-term", "never-covered"}
	if !slices.Equal(ids, want) {
		t.Errorf("order = %v\nwant    %v", ids, want)
	}
	byID := map[string]Recommendation{}
	for _, a := range r.Advice {
		byID[a.ID] = a
	}
	renew := byID["renew-c1"]
	eq(t, "renew action", renew.Action, "Renew contract C1 before it ends on 2026-12-31: 3 devices worth USD 2,781.42 a year.")
	eq(t, "renew decide-by", renew.DecideBy, d("2026-11-16"))
	eq(t, "renew caveat", len(renew.Caveats), 1) // D1 is past LDoS
	eq(t, "past-ldos money", byID["past-ldos"].Money, usd("1512.00"))
	eq(t, "past-ldos decide-by", byID["past-ldos"].DecideBy, d("2026-11-16"))
	eq(t, "tpm estimate", byID["tpm"].Money, usd("3293.05")) // 5488.42 × 0.6
	eq(t, "replace money", byID["replace-ldos-12m"].Money, usd("2242.00"))
	eq(t, "replace decide-by", byID["replace-ldos-12m"].DecideBy, d("2027-05-16"))
	eq(t, "lapsed is one-off", byID["lapsed"].OneOff, true)
	eq(t, "lapsed caveats", len(byID["lapsed"].Caveats), 2)
	eq(t, "never-covered unpriced caveat", len(byID["never-covered"].Caveats), 1)
	eq(t, "duplicate decide-by", byID["duplicate-coverage"].DecideBy, d("2027-04-16"))
	for _, a := range r.Advice {
		if a.Action == "" || a.MoneyKind == "" {
			t.Errorf("%s lacks an action or money kind", a.ID)
		}
	}
}

func TestRunIsDeterministic(t *testing.T) {
	t.Parallel()
	a, err := Run(estateA(), settings).MarshalFigures()
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		b, _ := Run(estateA(), settings).MarshalFigures()
		if string(a) != string(b) {
			t.Fatal("two runs over the same estate differ")
		}
	}
}

func TestCountsAreGrouped(t *testing.T) {
	t.Parallel()
	if got := plural(155392, "device", "devices"); got != "155,392 devices" {
		t.Errorf("plural: %q", got)
	}
}
