package site

import (
	"fmt"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
)

// CalendarFile is the calendar feed's name in the site.
const CalendarFile = "renewals.ics"

// reminders are the alarms of every event: 30 and 7 days before.
var reminders = []string{"-P30D", "-P7D"}

func civil(d contract.Date) time.Time {
	y, m, day := d.Civil()
	return time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
}

// Calendar renders the RFC 5545 feed: an all-day event on each decide-by
// date and each contract end date, with reminders 30 and 7 days before.
// UIDs depend only on what the event is about, so importing next
// quarter's feed updates the events instead of adding copies. DTSTAMP is
// as_of, never the clock, so the same inputs give the same bytes.
func Calendar(r *analyze.Report, title, organization string) []byte {
	cal := ics.NewCalendar()
	cal.SetProductId("-//renewals//contract renewal advisory//EN")
	cal.SetMethod(ics.MethodPublish)
	name := strings.TrimSpace(organization + " " + "maintenance renewals")
	cal.SetName(name)
	cal.SetXWRCalName(name)
	cal.SetDescription(title)
	stamp := civil(r.AsOf)
	event := func(uid, summary, description string, day contract.Date) {
		e := cal.AddEvent(uid)
		e.SetDtStampTime(stamp)
		e.SetAllDayStartAt(civil(day))
		e.SetAllDayEndAt(civil(day.AddDays(1)))
		e.SetSummary(summary)
		e.SetDescription(description)
		for _, trigger := range reminders {
			a := e.AddAlarm()
			a.SetAction(ics.ActionDisplay)
			a.SetTrigger(trigger)
			a.SetProperty(ics.ComponentPropertyDescription, summary)
		}
	}
	for _, a := range r.Advice {
		if a.DecideBy.IsZero() {
			continue
		}
		per := "a year"
		if a.OneOff {
			per = "once"
		}
		desc := fmt.Sprintf("%s\n\n%s %s %s.", a.Action, strings.ToUpper(a.MoneyKind[:1])+a.MoneyKind[1:], a.Money.Format(r.Currency), per)
		if a.NoMoney {
			desc = a.Action
		}
		for _, e := range a.Evidence {
			desc += "\n" + e
		}
		event("decide-"+a.ID+"@renewals", "Decide: "+a.Action, desc, a.DecideBy)
	}
	for _, c := range r.Contracts {
		for _, end := range c.EndDates {
			if !end.After(r.AsOf) {
				continue
			}
			summary := "Contract " + c.Number + " ends"
			if c.Label != "" {
				summary += " (" + c.Label + ")"
			}
			desc := fmt.Sprintf("Lines of contract %s end on %s. Its annual spend is %s; decide on its renewal by %s.",
				c.Number, end, c.AnnualSpend.Format(r.Currency), end.AddDays(-r.Settings.DecisionLeadDays))
			if !r.Priced {
				desc = fmt.Sprintf("Lines of contract %s end on %s; decide on its renewal by %s.", c.Number, end, end.AddDays(-r.Settings.DecisionLeadDays))
			}
			event("end-"+contract.Key(c.Number)+"-"+strings.ReplaceAll(end.String(), "-", "")+"@renewals", summary, desc, end)
		}
	}
	// RFC 5545 lines end in CRLF on every platform; the library's default
	// follows the OS.
	return []byte(cal.Serialize(ics.WithNewLineWindows))
}
