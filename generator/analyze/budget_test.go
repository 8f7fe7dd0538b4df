package analyze

import "testing"

// TestFiscalQuarters: a fiscal year is named by the calendar year it ends
// in; with it starting in January, its quarters are the calendar's.
func TestFiscalQuarters(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		date  string
		start int
		want  string
		first string
	}{
		{"2026-11-23", 1, "FY2026 Q4", "2026-10-01"},
		{"2026-01-01", 0, "FY2026 Q1", "2026-01-01"},
		{"2026-07-31", 8, "FY2026 Q4", "2026-05-01"},
		{"2026-08-01", 8, "FY2027 Q1", "2026-08-01"},
		{"2027-01-31", 8, "FY2027 Q2", "2026-11-01"},
		{"2026-03-15", 4, "FY2026 Q4", "2026-01-01"},
		{"2026-04-01", 4, "FY2027 Q1", "2026-04-01"},
	} {
		q := fiscalQuarterOf(d(c.date), c.start)
		if q.String() != c.want || q.Start.String() != c.first {
			t.Errorf("%s, year from month %d: %s from %s, want %s from %s", c.date, c.start, q, q.Start, c.want, c.first)
		}
	}
	if got := fiscalQuarterOf(d("2026-12-31"), 8).next(8); got.String() != "FY2027 Q3" || got.Start.String() != "2027-02-01" {
		t.Errorf("next: %s from %s", got, got.Start)
	}
	if got := d("2028-02-29").AddYears(1).String(); got != "2029-02-28" {
		t.Errorf("29 February a year on: %s", got)
	}
}
