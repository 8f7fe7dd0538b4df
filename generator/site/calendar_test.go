package site

import (
	"bytes"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
)

func report() *analyze.Report {
	d := func(y, m, dd int) contract.Date { x, _ := contract.ValidDate(y, m, dd); return x }
	line := func(serial, c string, end contract.Date) contract.Line {
		return contract.Line{Serial: serial, Instance: serial, Contract: c, ContractLabel: "Core, DC; \"north\"", ServiceLevel: "SNTP",
			Start: d(2026, 1, 1), End: end, ExtendedNet: 100000, Status: "ACTIVE"}
	}
	e := &contract.Estate{AsOf: d(2026, 11, 23), Currency: "USD", Snapshots: []contract.Snapshot{{Date: d(2026, 11, 20), Lines: []contract.Line{
		line("A", "93824710", d(2026, 12, 31)), line("B", "93824710", d(2027, 3, 31)), line("C", "93825102", d(2027, 1, 31)),
	}}}}
	return analyze.Run(e, analyze.Settings{HorizonDays: 90, TPMDiscount: 0.6, DecisionLeadDays: 45})
}

func TestCalendarParsesBack(t *testing.T) {
	t.Parallel()
	r := report()
	data := Calendar(r, "Renewal advisory", "Example Health")
	if !bytes.Equal(data, Calendar(r, "Renewal advisory", "Example Health")) {
		t.Fatal("two renderings differ")
	}
	if !bytes.Contains(data, []byte("\r\n")) {
		t.Error("lines do not end in CRLF")
	}
	for _, line := range strings.Split(string(data), "\r\n") {
		if len(line) > 75 {
			t.Errorf("unfolded line of %d octets: %q", len(line), line)
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	events := cal.Events()
	decisions := 0
	for _, a := range r.Advice {
		if !a.DecideBy.IsZero() {
			decisions++
		}
	}
	// Three end dates after as_of on two contracts, plus one per decision.
	if len(events) != decisions+3 || decisions == 0 {
		t.Fatalf("%d events, want %d", len(events), decisions+3)
	}
	uids := map[string]bool{}
	for _, e := range events {
		uid := e.Id()
		if uids[uid] {
			t.Errorf("duplicate UID %s", uid)
		}
		uids[uid] = true
		if e.GetProperty(ics.ComponentPropertyDtstamp).Value != "20261123T000000Z" {
			t.Errorf("%s: DTSTAMP %s is not as_of", uid, e.GetProperty(ics.ComponentPropertyDtstamp).Value)
		}
		var triggers []string
		for _, a := range e.Alarms() {
			triggers = append(triggers, a.GetProperty(ics.ComponentPropertyTrigger).Value)
		}
		if strings.Join(triggers, ",") != "-P30D,-P7D" {
			t.Errorf("%s: reminders %v", uid, triggers)
		}
	}
	end := events[len(events)-1]
	if end.Id() != "end-93825102-20270131@renewals" || end.GetProperty(ics.ComponentPropertyDtStart).Value != "20270131" ||
		end.GetProperty(ics.ComponentPropertySummary).Value != `Contract 93825102 ends (Core, DC; "north")` {
		t.Errorf("last event: %s %s %q", end.Id(), end.GetProperty(ics.ComponentPropertyDtStart).Value, end.GetProperty(ics.ComponentPropertySummary).Value)
	}
	if !uids["decide-renew-93824710@renewals"] {
		t.Errorf("no event for renewing 93824710: %v", uids)
	}
}

// TestCalendarUIDsNeverShared: contracts whose numbers slug alike keep
// their own events; before, '=1 and =1, or =1+1 and ＝1+1, shared UIDs,
// and a calendar that imported one event lost the other.
func TestCalendarUIDsNeverShared(t *testing.T) {
	t.Parallel()
	d := func(y, m, dd int) contract.Date { x, _ := contract.ValidDate(y, m, dd); return x }
	var lines []contract.Line
	for i, c := range []string{"'=1", "=1", "=1+1", "＝1+1", "abc-1", "ABC/1"} {
		lines = append(lines, contract.Line{Serial: string(rune('A' + i)), Contract: c, ServiceLevel: "SNTP",
			Start: d(2026, 1, 1), End: d(2026, 12, 31), ExtendedNet: 100000, Status: "ACTIVE"})
	}
	e := &contract.Estate{AsOf: d(2026, 11, 23), Currency: "USD", Snapshots: []contract.Snapshot{{Date: d(2026, 11, 20), Lines: lines}}}
	r := analyze.Run(e, analyze.Settings{HorizonDays: 90, TPMDiscount: 0.6, DecisionLeadDays: 45})
	cal, err := ics.ParseCalendar(bytes.NewReader(Calendar(r, "t", "o")))
	if err != nil {
		t.Fatal(err)
	}
	uids, ends := map[string]bool{}, 0
	for _, ev := range cal.Events() {
		if uids[ev.Id()] {
			t.Errorf("UID %s twice", ev.Id())
		}
		uids[ev.Id()] = true
		if strings.HasPrefix(ev.Id(), "end-") {
			ends++
		}
	}
	if ends != 6 {
		t.Errorf("%d end events, want 6", ends)
	}
}
