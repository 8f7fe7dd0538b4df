package contract

import (
	"math"
	"testing"
	"time"
)

func TestDateRoundTrip(t *testing.T) {
	t.Parallel()
	// Every day over four centuries, including the 2000 and 2100 leap rules.
	start := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	prev := Date(0)
	for i := 0; i < 400*366; i++ {
		tm := start.AddDate(0, 0, i)
		d := DateOf(tm)
		if prev != 0 && d != prev+1 {
			t.Fatalf("%s: Date %d does not follow %d", tm.Format(time.DateOnly), d, prev)
		}
		prev = d
		y, m, day := d.Civil()
		if y != tm.Year() || m != tm.Month() || day != tm.Day() {
			t.Fatalf("%s: Civil() = %d-%d-%d", tm.Format(time.DateOnly), y, m, day)
		}
		if got := d.String(); got != tm.Format(time.DateOnly) {
			t.Fatalf("String() = %q, want %q", got, tm.Format(time.DateOnly))
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	t.Parallel()
	d := func(s string) Date {
		var x Date
		if err := x.UnmarshalText([]byte(s)); err != nil {
			t.Fatal(err)
		}
		return x
	}
	tests := []struct {
		got, want Date
	}{
		{d("2026-01-31").AddMonths(1), d("2026-02-28")},
		{d("2024-01-31").AddMonths(1), d("2024-02-29")},
		{d("2026-11-23").AddMonths(-12), d("2025-11-23")},
		{d("2026-12-31").AddDays(1), d("2027-01-01")},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %s, want %s", i, tt.got, tt.want)
		}
	}
	if n := InclusiveDays(d("2026-01-01"), d("2026-12-31")); n != 365 {
		t.Errorf("InclusiveDays over 2026 = %d, want 365", n)
	}
	if n := d("2026-11-23").Sub(d("2026-11-22")); n != 1 {
		t.Errorf("Sub = %d, want 1", n)
	}
	if _, ok := ValidDate(2026, 2, 29); ok {
		t.Error("2026-02-29 accepted")
	}
	if Date(0).String() != "" || !Date(0).IsZero() {
		t.Error("zero Date is not empty")
	}
}

func TestMoney(t *testing.T) {
	t.Parallel()
	tests := []struct {
		m         Money
		str, fmtd string
	}{
		{0, "0.00", "USD 0.00"},
		{5, "0.05", "USD 0.05"},
		{-9910, "-99.10", "USD -99.10"},
		{123456, "1234.56", "USD 1,234.56"},
		{123456789012, "1234567890.12", "USD 1,234,567,890.12"},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.str {
			t.Errorf("String(%d) = %q, want %q", tt.m, got, tt.str)
		}
		if got := tt.m.Format("USD"); got != tt.fmtd {
			t.Errorf("Format(%d) = %q, want %q", tt.m, got, tt.fmtd)
		}
	}
}

func TestMulDiv(t *testing.T) {
	t.Parallel()
	tests := []struct {
		m        Money
		num, den int64
		want     Money
	}{
		{151200, 365, 365, 151200},  // 12-month line keeps its price
		{453600, 365, 1096, 151062}, // 36 months incl. a leap day: 4536 × 365/1096 = 1510.62
		{100, 1, 3, 33},             // 0.333 → 0.33
		{200, 1, 3, 67},             // 0.666 → 0.67
		{50, 1, 100, 1},             // half rounds away from zero
		{-50, 1, 100, -1},           // also when negative
		{10000, 365, 0, 0},          // no term, no value
	}
	for _, tt := range tests {
		if got := tt.m.MulDiv(tt.num, tt.den); got != tt.want {
			t.Errorf("%d×%d/%d = %d, want %d", tt.m, tt.num, tt.den, got, tt.want)
		}
	}
}

func TestServiceLevels(t *testing.T) {
	t.Parallel()
	order := []string{"SW", "SNT", "CS", "SNTE", "C4S", "SNTP", "C4P", "S2P", "C2P"}
	for i := 1; i < len(order); i++ {
		if ServiceLevelRank(order[i-1]) >= ServiceLevelRank(order[i]) {
			t.Errorf("%s does not rank below %s", order[i-1], order[i])
		}
	}
	if ServiceLevelRank("XYZ") != 0 {
		t.Error("unknown code has a rank")
	}
	for sku, want := range map[string]string{"CON-SNTP-C93004PA": "SNTP", "con-s2p-n9k": "S2P", "CON-XYZ-1": ""} {
		got, ok := ServiceLevelFromSKU(sku)
		if ok != (want != "") || (ok && got != want) {
			t.Errorf("ServiceLevelFromSKU(%q) = %q, %v", sku, got, ok)
		}
	}
}

func TestThousands(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 155392: "155,392", 1234567: "1,234,567", -1000: "-1,000", -12: "-12"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestPastLineActiveOn: a past line is active on the days its whole line
// is, for every status and for missing dates.
func TestPastLineActiveOn(t *testing.T) {
	t.Parallel()
	start, end := Date(20000), Date(20100)
	for _, status := range []string{"ACTIVE", "EXPIRED", "", StatusTerminated, StatusCancelled} {
		for _, dates := range [][2]Date{{start, end}, {0, end}, {start, 0}, {end, start}} {
			l := Line{Status: status, Start: dates[0], End: dates[1]}
			p := Past(&l)
			for _, d := range []Date{start - 1, start, start + 50, end, end + 1} {
				if got, want := p.ActiveOn(d), l.ActiveOn(d); got != want {
					t.Errorf("%q %v–%v on %v: past %v, whole %v", status, dates[0], dates[1], d, got, want)
				}
			}
		}
	}
	s := Snapshot{Lines: []Line{{Serial: "A"}, {Serial: "B", Minor: true}}}
	if s.Len() != 2 || len(s.PastLines()) != 2 || s.PastLines()[1] != (PastLine{Serial: "B", Minor: true}) {
		t.Errorf("whole lines as past lines: %d, %+v", s.Len(), s.PastLines())
	}
	s = Snapshot{Past: []PastLine{{Serial: "A"}}}
	if s.Len() != 1 || &s.PastLines()[0] != &s.Past[0] {
		t.Error("a snapshot of past lines gives them as they are")
	}
}

// TestMulDivWide: the product is taken in 128 bits, so a large amount
// times a day count divides exactly instead of wrapping around.
func TestMulDivWide(t *testing.T) {
	t.Parallel()
	tests := []struct {
		m        Money
		num, den int64
		want     Money
	}{
		{MaxAmount, 365, 1, MaxAmount * 365},
		{Money(math.MaxInt64), 2, 2, Money(math.MaxInt64)},
		{Money(math.MaxInt64 / 3), 6, 4, Money(4611686018427387903)}, // (2^63-1)/3*6/4 = 4611686018427387903 exactly
		{-1501, 1, 10, -150},                                         // -150.1 → -150
		{-1505, 1, 10, -151},                                         // half away from zero
		{1505, -1, 10, -151},
		{1505, 1, -10, -151},
		{1505, 1, 10, 151},
	}
	for _, tt := range tests {
		if got := tt.m.MulDiv(tt.num, tt.den); got != tt.want {
			t.Errorf("%d.MulDiv(%d, %d) = %d, want %d", tt.m, tt.num, tt.den, got, tt.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("a quotient beyond int64 did not panic")
		}
	}()
	Money(math.MaxInt64).MulDiv(3, 2)
}

// TestOpenStart: a line from a file with no start dates covers every day
// up to its end, and so does its past form.
func TestOpenStart(t *testing.T) {
	t.Parallel()
	end, _ := ValidDate(2026, 12, 31)
	l := Line{End: end, OpenStart: true, Contract: "1"}
	for _, tt := range []struct {
		d    Date
		want bool
	}{{end, true}, {end.AddDays(-3650), true}, {end.AddDays(1), false}} {
		p := Past(&l)
		if l.ActiveOn(tt.d) != tt.want || p.ActiveOn(tt.d) != tt.want {
			t.Errorf("active on %s: %v, past %v; want %v", tt.d, l.ActiveOn(tt.d), p.ActiveOn(tt.d), tt.want)
		}
	}
	l.OpenStart = false
	if l.ActiveOn(end) {
		t.Error("a line with no start and no open start is active")
	}
	l.OpenStart, l.Status = true, StatusTerminated
	if l.ActiveOn(end) {
		t.Error("a terminated open line is active")
	}
}
