package analyze

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/contract"
)

func d(s string) contract.Date {
	var x contract.Date
	if err := x.UnmarshalText([]byte(s)); err != nil {
		panic(err)
	}
	return x
}

// usd reads "1234.56" as cents.
func usd(s string) Money {
	var units, cents int64
	neg := false
	if s[0] == '-' {
		neg, s = true, s[1:]
	}
	i := 0
	for ; i < len(s) && s[i] != '.'; i++ {
		units = units*10 + int64(s[i]-'0')
	}
	if i < len(s) {
		frac := s[i+1:] + "00"
		cents = int64(frac[0]-'0')*10 + int64(frac[1]-'0')
	}
	m := Money(units*100 + cents)
	if neg {
		return -m
	}
	return m
}

// ln builds a coverage line: serial, instance, contract, level, start,
// end, net. Status is ACTIVE unless changed.
func ln(serial, instance, contractNo, level, start, end, net string) contract.Line {
	l := contract.Line{Serial: serial, Instance: instance, Contract: contractNo, ServiceLevel: level, ExtendedNet: usd(net),
		ProductID: "PID-" + serial, Site: "HQ", Status: "ACTIVE"}
	if start != "" {
		l.Start, l.End = d(start), d(end)
	}
	return l
}

var settings = Settings{HorizonDays: 90, TPMDiscount: 0.6, ReinstatementFeeRate: 0.2, DecisionLeadDays: 45}

// estateA is the hand-computed fixture. as_of is 2026-11-23, so
// as_of + 90 days is 2027-02-21 and as_of + 365 days is 2027-11-23.
func estateA() *contract.Estate {
	l := func(x contract.Line, f func(*contract.Line)) contract.Line { f(&x); return x }
	cur := []contract.Line{
		// D1: 365 days, 1512.00 a year; ends in 38 days; product past LDoS.
		l(ln("D1", "I1", "C1", "SNTP", "2026-01-01", "2026-12-31", "1512.00"), func(x *contract.Line) { x.ProductID = "OLD-2" }),
		// Its power supply, a MINOR line: spend but no device.
		l(ln("PSU1", "I1P", "C1", "SNTP", "2026-01-01", "2026-12-31", "100.00"), func(x *contract.Line) { x.Minor = true }),
		// D2: a 36-month line of 1095 days, 4536.00 → 1512.00 a year; LDoS only in the export.
		l(ln("D2", "I2", "C2", "SNT", "2024-03-01", "2027-02-28", "4536.00"), func(x *contract.Line) { x.ProductID, x.LDoS = "MID-1", d("2027-06-30") }),
		// D3: ends on as_of itself: active, not expiring; the export's LDoS disagrees with the EoX file.
		l(ln("D3", "I3", "C1", "SNTP", "2025-11-24", "2026-11-23", "730.00"), func(x *contract.Line) { x.ProductID, x.LDoS = "MID-2", d("2027-12-31") }),
		// D4: a prorated add-on of 113 days ending at as_of + 90: 280 × 365 / 113 = 904.42.
		l(ln("D4", "I4", "C1", "SNTP", "2026-11-01", "2027-02-21", "280.00"), func(x *contract.Line) { x.ProductID = "FUT-1" }),
		// D5: on C1 (expiring) and on C3 (later): covered on, not expiring; duplicate.
		ln("D5", "I5", "C1", "SNTP", "2026-01-01", "2026-12-31", "365.00"),
		ln("D5", "I5", "C3", "SNT", "2026-06-01", "2027-05-31", "365.00"),
		// D6: lapsed 54 days ago (2026-09-30).
		l(ln("D6", "I6", "C4", "SNT", "2025-10-01", "2026-09-30", "500.00"), func(x *contract.Line) { x.Status = "EXPIRED" }),
		// D7: lapsed, past LDoS: cannot be reinstated.
		l(ln("D7", "I7", "C4", "SNT", "2025-06-01", "2026-05-31", "200.00"), func(x *contract.Line) { x.ProductID = "OLD-1" }),
		// D8: never covered.
		l(ln("D8", "I8", "", "", "", "", "0"), func(x *contract.Line) { x.Site = "Clinic" }),
		// D9: its only line was cancelled.
		l(ln("D9", "I9", "C1", "SNTP", "2026-01-01", "2026-12-31", "999.00"), func(x *contract.Line) { x.Status = "CANCELLED" }),
	}
	prior := []contract.Line{
		ln("D1", "I1", "C1", "SNTP", "2026-01-01", "2026-12-31", "1400.00"),                                                 // price +112.00
		l(ln("PSU1", "I1P", "C1", "SNTP", "2026-01-01", "2026-12-31", "100.00"), func(x *contract.Line) { x.Minor = true }), // unchanged
		ln("D2OLD", "I2", "C2", "SNT", "2024-03-01", "2027-02-28", "4536.00"),                                               // RMA: D2 replaces it
		ln("D3", "I3", "C1", "SNTP", "2025-11-24", "2026-11-23", "730.00"),                                                  // unchanged
		ln("D5", "I5", "C1", "SNT", "2026-01-01", "2026-12-31", "300.00"),                                                   // level SNT → SNTP, +65.00
		ln("DX", "IX", "C1", "SNTP", "2026-01-01", "2026-12-31", "250.00"),                                                  // dropped
		ln("D6", "I6", "C4", "SNT", "2025-10-01", "2026-09-30", "500.00"),                                                   // active on 2026-08-21, gone now
		ln("D7", "I7", "C4", "SNT", "2025-06-01", "2026-05-31", "200.00"),                                                   // already ended: not in the run rate
	}
	return &contract.Estate{
		AsOf: d("2026-11-23"), Currency: "USD",
		Snapshots: []contract.Snapshot{{Date: d("2026-11-20"), Lines: cur}, {Date: d("2026-08-21"), Lines: prior}},
		Lifecycle: []contract.Lifecycle{
			{ProductID: "OLD-1", Announced: true, LastDateOfSupport: d("2026-01-31")},
			{ProductID: "OLD-2", Announced: true, LastDateOfSupport: d("2026-06-30"), EndOfContractRenewal: d("2025-06-30")},
			{ProductID: "MID-2", Announced: true, LastDateOfSupport: d("2027-11-23")}, // exactly as_of + 365
			{ProductID: "FUT-1", Announced: true, LastDateOfSupport: d("2028-11-22")}, // exactly as_of + 730
			{ProductID: "PID-D5"}, // not announced: unknown
		},
	}
}

func eq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestFiguresByHand(t *testing.T) {
	t.Parallel()
	r := Run(estateA(), settings)

	eq(t, "devices", r.Status, StatusCounts{Total: 9, Covered: 5, Uncovered: 4, NeverCovered: 1, Lapsed: 3})
	eq(t, "lines", r.Lines, LineCounts{Total: 11, Major: 10, Minor: 1, ActiveMajor: 6, Active: 7})

	// 1512 + 100 + 1512 + 730 + 904.42 + 365 + 365
	eq(t, "annual spend", r.Spend.Annual, usd("5488.42"))
	eq(t, "term value", r.Spend.TermValue, usd("7888.00"))
	eq(t, "spend C1", r.Spend.ByContract["C1"], usd("3611.42"))
	eq(t, "spend C2", r.Spend.ByContract["C2"], usd("1512.00"))
	// Devices on each contract: a major line of them is on it, whatever its
	// status (D9's is cancelled); C1's power supply is not a device.
	devicesOn := map[string]int{}
	for _, c := range r.Contracts {
		devicesOn[c.Number] = c.Devices
	}
	if want := map[string]int{"C1": 5, "C2": 1, "C3": 1, "C4": 2}; !maps.Equal(devicesOn, want) {
		t.Errorf("devices by contract: %v, want %v", devicesOn, want)
	}
	eq(t, "spend C3", r.Spend.ByContract["C3"], usd("365.00"))
	eq(t, "spend SNT", r.Spend.ByServiceLevel["SNT"], usd("1877.00"))

	// Lines ending in (2026-11-23, 2027-02-21]: D1, D4 (on the last day) and D5 on C1.
	eq(t, "expiring lines", r.Expiring.Lines, 3)
	eq(t, "expiring value", r.Expiring.AnnualValue, usd("2781.42"))
	// Devices whose latest active end is in the window: D1 and D4, not D5.
	eq(t, "expiring devices", r.Expiring.Devices, 2)

	wantBuckets := []struct {
		lines int
		value string
	}{{1, "730.00"}, {2, "1877.00"}, {1, "904.42"}, {1, "1512.00"}, {1, "365.00"}, {0, "0"}}
	for i, w := range wantBuckets {
		eq(t, "bucket "+r.Buckets[i].Label+" lines", r.Buckets[i].Lines, w.lines)
		eq(t, "bucket "+r.Buckets[i].Label+" value", r.Buckets[i].AnnualValue, usd(w.value))
	}
	eq(t, "calendar starts", r.Calendar[0].Month, "2026-11")
	eq(t, "calendar Dec lines", r.Calendar[1].Lines, 2)
	eq(t, "calendar Dec value", r.Calendar[1].AnnualValue, usd("1877.00"))
	eq(t, "calendar Nov lines", r.Calendar[0].Lines, 0) // D3 ends today: not a renewal to come
	eq(t, "calendar Feb value", r.Calendar[3].AnnualValue, usd("2416.42"))

	lc := r.Lifecycle
	eq(t, "past LDoS paid devices", lc.PastLDoSPaid.Devices, 1)
	eq(t, "past LDoS paid cost", lc.PastLDoSPaid.AnnualCost, usd("1512.00"))
	eq(t, "past LDoS devices", lc.PastLDoS.Devices, 2)
	eq(t, "LDoS within 12 months", lc.Within12Months.Devices, 2) // D2 (export), D3 (EoX, on the last day)
	eq(t, "LDoS within 24 months", lc.Within24Months.Devices, 3) // and D4 on the last day
	eq(t, "renewal ended", lc.RenewalEnded.Devices, 1)
	eq(t, "unknown LDoS", lc.UnknownLDoS.Devices, 4) // D5 (not announced), D6, D8, D9
	eq(t, "D3 LDoS from EoX", r.Device("D3").LDoS, d("2027-11-23"))
	eq(t, "D2 LDoS from export", r.Device("D2").LDoSSource, "export")
	eq(t, "disagreements", len(r.Quality.LDoSDisagreements), 1)
	eq(t, "disagreement", r.Quality.LDoSDisagreements[0], LDoSDisagreement{"MID-2", d("2027-11-23"), d("2027-12-31"), 1})

	eq(t, "duplicate serials", len(r.Duplicate.Serials), 1)
	eq(t, "duplicate saving", r.Duplicate.AnnualSaving, usd("365.00")) // the SNT line on C3 goes
	eq(t, "redundant contract", r.Duplicate.Redundant[0].Contract, "C3")

	eq(t, "distinct end dates", r.CoTerm.DistinctEndDates, 5)
	eq(t, "multi-date contracts", len(r.CoTerm.MultiDateContracts), 1)
	eq(t, "co-term target", r.CoTerm.Target, d("2026-12-31")) // carries 1977.00
	eq(t, "align lines", r.CoTerm.AlignLines, 1)
	eq(t, "align cost", r.CoTerm.AlignCost, usd("76.00")) // 730 × 38 / 365

	ri := r.Reinstate
	eq(t, "reinstatable", len(ri.Reinstatable), 1)
	eq(t, "lapsed days", ri.Reinstatable[0].LapsedDays, 54)
	eq(t, "back-billing", ri.BackBilling, usd("73.97")) // 500 × 54 / 365
	eq(t, "fees", ri.Fees, usd("100.00"))
	eq(t, "exposure", ri.Exposure, usd("173.97"))
	eq(t, "not reinstatable", len(ri.NotReinstatable), 1)
	eq(t, "D9 lapsed without days", r.Device("D9").LapsedDays, 0)

	eq(t, "never covered by site", r.Never.BySite["Clinic"], 1)
}

func TestTrendDrivers(t *testing.T) {
	t.Parallel()
	r := Run(estateA(), settings)
	if len(r.Trend.Points) != 2 || len(r.Trend.Changes) != 1 {
		t.Fatalf("trend = %+v", r.Trend)
	}
	eq(t, "oldest first", r.Trend.Points[0].Date, d("2026-08-21"))
	eq(t, "evaluated on its own date", r.Trend.Points[0].EvaluatedOn, d("2026-08-21"))
	eq(t, "newest on as_of", r.Trend.Points[1].EvaluatedOn, d("2026-11-23"))
	c := r.Trend.Changes[0]
	eq(t, "prior", c.Prior, usd("4792.00"))
	eq(t, "change", c.Change, usd("696.42"))
	eq(t, "change pct", c.ChangePct, 14.53)
	eq(t, "added", c.Added, Driver{2, usd("1269.42")})
	eq(t, "dropped", c.Dropped, Driver{2, usd("-750.00")})
	eq(t, "replaced", c.Replaced, Driver{1, 0})
	eq(t, "price", c.Price, Driver{1, usd("112.00")})
	eq(t, "level", c.Level, Driver{1, usd("65.00")})
	eq(t, "drivers sum to the change", c.Added.Amount+c.Dropped.Amount+c.Replaced.Amount+c.Price.Amount+c.Level.Amount, c.Change)
}

func TestSingleSnapshotHasNoChange(t *testing.T) {
	t.Parallel()
	e := estateA()
	e.Snapshots = e.Snapshots[:1]
	r := Run(e, settings)
	f := r.Figures()
	if f.QuarterOverQuarter != nil || f.Quotes != nil {
		t.Errorf("sections without input are not null: %+v %+v", f.QuarterOverQuarter, f.Quotes)
	}
	e.Lifecycle = nil
	for i := range e.Snapshots[0].Lines {
		e.Snapshots[0].Lines[i].LDoS = 0
	}
	if f := Run(e, settings).Figures(); f.PastLDoSOnContract != nil || f.LDoSWithin12Months != nil {
		t.Error("LDoS figures without any LDoS source are not null")
	}
}

func TestGraceDaysWaiveTheFee(t *testing.T) {
	t.Parallel()
	s := settings
	s.ReinstatementGraceDays = 60
	r := Run(estateA(), s)
	eq(t, "fees within grace", r.Reinstate.Fees, 0)
	eq(t, "back-billing still due", r.Reinstate.BackBilling, usd("73.97"))
}

// TestMatchFallsBackToSerial covers an older export that had no instance
// numbers, and numeric identifiers, which are indexed as integers.
func TestMatchFallsBackToSerial(t *testing.T) {
	t.Parallel()
	cur := []contract.Line{
		ln("FOC1", "1845000016", "93824710", "SNT", "2026-07-01", "2027-06-30", "107.00"),
		ln("FOC2", "1845000017", "93824710", "SNT", "2026-07-01", "2027-06-30", "50.00"),
		ln("FOC3", "0042", "93824710", "SNT", "2026-07-01", "2027-06-30", "10.00"),
	}
	prior := []contract.Line{
		ln("FOC1", "", "93824710", "SNT", "2025-07-01", "2026-06-30", "100.00"),  // matched on serial: +7.00
		ln("FOC2", "", "93824733", "SNT", "2025-07-01", "2026-06-30", "50.00"),   // another contract: dropped
		ln("FOC9", "42", "93824710", "SNT", "2025-07-01", "2026-06-30", "10.00"), // "42" is not "0042": dropped
	}
	e := &contract.Estate{AsOf: d("2026-11-23"), Currency: "USD",
		Snapshots: []contract.Snapshot{{Date: d("2026-11-20"), Lines: cur}, {Date: d("2026-05-22"), Lines: prior}}}
	c := Run(e, settings).Trend.Changes[0]
	eq(t, "price", c.Price, Driver{1, usd("7.00")})
	eq(t, "added", c.Added, Driver{2, usd("60.00")})
	eq(t, "dropped", c.Dropped, Driver{2, usd("-60.00")})
	eq(t, "replaced", c.Replaced, Driver{0, 0})
}

// TestRankSerialsInStringOrder checks the prefix shortcut against plain
// string order, on serials that share or end within the first eight bytes.
func TestRankSerialsInStringOrder(t *testing.T) {
	t.Parallel()
	serials := []string{"ABCDEFGHJ", "", "Z", "A", "A\x00", "ABCDEFGH", "ABCDEFGH\x00", "AB", "abc", "ABCDEFGHI", "FDO2247VGB4", "FDO2247VGB3", "FOC1932X0AB", "9", "É"}
	rank := rankSerials(serials)
	got := make([]string, len(serials))
	for i, s := range serials {
		got[rank[i]] = s
	}
	want := slices.Clone(serials)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("in rank order %q, want %q", got, want)
	}
}

// TestTrendFromPastLines: earlier snapshots kept as past lines, as the
// import keeps them, give the trend that their whole lines give.
func TestTrendFromPastLines(t *testing.T) {
	t.Parallel()
	for _, e := range []*contract.Estate{estateA(), threeSnapshots()} {
		whole := Run(e, settings).Trend
		for i := 1; i < len(e.Snapshots); i++ {
			s := &e.Snapshots[i]
			s.Past, s.Lines = s.PastLines(), nil
		}
		if len(whole.Changes) != len(e.Snapshots)-1 || whole.Changes[0].Level.Lines == 0 && len(e.Snapshots) == 3 {
			t.Fatalf("the fixture's changes: %+v", whole.Changes)
		}
		if past := Run(e, settings).Trend; !reflect.DeepEqual(past, whole) {
			t.Errorf("from past lines:\n%+v\nfrom whole lines:\n%+v", past, whole)
		}
	}
}

// threeSnapshots is estateA with a third, oldest snapshot: the middle one
// is then both the newer and the older side of a change. The oldest
// snapshot holds, at the places of two lines the middle one drops, the
// identifiers of two lines new in the current one (one numeric, one not):
// an index left over from the older pair would match them.
func threeSnapshots() *contract.Estate {
	e := estateA()
	mid, cur := &e.Snapshots[1], &e.Snapshots[0]
	mid.Lines = append(mid.Lines, ln("DZ", "IZ", "C1", "SNTP", "2026-01-01", "2026-12-31", "60.00")) // dropped, like DX at 5
	cur.Lines = append(cur.Lines, ln("DN", "1845000099", "C1", "SNTP", "2026-06-01", "2027-05-31", "70.00"))
	active := func(serial, instance, net string) contract.Line {
		return ln(serial, instance, "C1", "SNTP", "2025-07-01", "2026-06-30", net)
	}
	oldest := []contract.Line{
		ln("D1", "I1", "C1", "SNT", "2025-07-01", "2026-06-30", "1300.00"),    // level SNT → SNTP
		ln("D2OLD", "I2", "C2", "SNT", "2024-03-01", "2027-02-28", "4536.00"), // unchanged
		ln("D3OLD", "", "C1", "SNTP", "2025-07-01", "2026-06-30", "700.00"),   // no instance: dropped
		active("DX", "IX", "240.00"),                                          // price +10.00
		active("DY", "IY", "80.00"),                                           // terminated: not active
		active("DQ", "I4", "10.00"),                                           // at DX's place in the middle: D4's instance
		active("DR", "IR", "10.00"),                                           // dropped
		active("DS", "IS", "10.00"),                                           // dropped
		active("DT", "1845000099", "10.00"),                                   // at DZ's place in the middle: DN's instance
	}
	oldest[4].Status = contract.StatusTerminated
	e.Snapshots = append(e.Snapshots, contract.Snapshot{Date: d("2026-05-22"), Lines: oldest})
	return e
}

// TestTrendIndexesStartEmpty: the indexes of one pair of snapshots are
// reused for the next; the newest pair's change is the same with an older
// pair before it as without.
func TestTrendIndexesStartEmpty(t *testing.T) {
	t.Parallel()
	pair := threeSnapshots()
	pair.Snapshots = pair.Snapshots[:2]
	alone := Run(pair, settings).Trend.Changes[0]
	after := Run(threeSnapshots(), settings).Trend.Changes[1]
	if !reflect.DeepEqual(after, alone) {
		t.Errorf("after an older pair:\n%+v\nalone:\n%+v", after, alone)
	}
}

// TestDeviceListsStayApart interleaves the lines of two devices so that
// the one with two contracts, two levels and two lines grows its lists
// after the other's have been made: each device keeps its own.
func TestDeviceListsStayApart(t *testing.T) {
	t.Parallel()
	lines := []contract.Line{
		ln("B", "2", "C2", "SNT", "2026-01-01", "2026-12-31", "10.00"),
		ln("A", "1", "C1", "SNTP", "2026-01-01", "2026-12-31", "20.00"),
		ln("B", "3", "C3", "8X5XNBD", "2026-01-01", "2026-12-31", "30.00"),
		ln("C", "4", "", "", "", "", "0"),
	}
	e := &contract.Estate{AsOf: d("2026-11-23"), Currency: "USD",
		Snapshots: []contract.Snapshot{{Date: d("2026-11-20"), Lines: lines}}}
	r := Run(e, settings)
	a, b, c := r.Device("A"), r.Device("B"), r.Device("C")
	eq(t, "A's contracts", strings.Join(a.Contracts, " "), "C1")
	eq(t, "A's levels", strings.Join(a.ServiceLevels, " "), "SNTP")
	eq(t, "A's lines", len(a.Lines), 1)
	eq(t, "A's line", a.Lines[0].Instance, "1")
	eq(t, "B's contracts", strings.Join(b.Contracts, " "), "C2 C3")
	eq(t, "B's levels", strings.Join(b.ServiceLevels, " "), "SNT 8X5XNBD")
	eq(t, "B's lines", len(b.Lines), 2)
	eq(t, "B's line instances", b.Lines[0].Instance+" "+b.Lines[1].Instance, "2 3")
	eq(t, "C's contracts", len(c.Contracts), 0)
	eq(t, "C's levels", len(c.ServiceLevels), 0)
	eq(t, "indexes", [3]int{a.Index, b.Index, c.Index}, [3]int{0, 1, 2})
}
