// What build and check print to the terminal: the headline figures and
// recommendations, and what a loaded project holds.

package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/renewals/renewals/generator"
	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
)

// writeHeadlines prints the headline figures and the top recommendations
// as plain text, for the terminal.
func writeHeadlines(w io.Writer, r *analyze.Report, title, organization string, top int) error {
	var b strings.Builder
	cur := r.Currency
	m := r.Amount
	head := title
	if organization != "" {
		head = organization + " — " + title
	}
	fmt.Fprintf(&b, "%s, as of %s\n\n", head, r.AsOf)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Annual spend (run rate)\t%s\n", m(r.Spend.Annual))
	if r.Spend.TermValue != r.Spend.Annual {
		fmt.Fprintf(tw, "Term value of active lines\t%s\n", m(r.Spend.TermValue))
	}
	s := r.Status
	fmt.Fprintf(tw, "Devices\t%s: %s covered, %s uncovered (%s never covered, %s lapsed)\n",
		thousands(s.Total), thousands(s.Covered), thousands(s.Uncovered), thousands(s.NeverCovered), thousands(s.Lapsed))
	perYear := func(v analyze.Money) string {
		if !r.Priced {
			return "" // the money is not in the exports: the devices say it
		}
		return ", " + m(v) + " a year"
	}
	fmt.Fprintf(tw, "Expiring within %d days\t%s%s\n", r.Expiring.HorizonDays, count(r.Expiring.Devices, "device"), perYear(r.Expiring.AnnualValue))
	if lc := r.Lifecycle; lc.HasInput {
		fmt.Fprintf(tw, "Past LDoS, still paid\t%s%s\n", count(lc.PastLDoSPaid.Devices, "device"), perYear(lc.PastLDoSPaid.AnnualCost))
		fmt.Fprintf(tw, "LDoS within 12 months\t%s\n", count(lc.Within12Months.Devices, "device"))
	}
	if d := r.Duplicate; len(d.Serials) > 0 {
		fmt.Fprintf(tw, "Duplicate coverage\t%s%s\n", count(len(d.Serials), "device"), perYear(d.AnnualSaving))
	}
	if t := r.Trend; t != nil && len(t.Changes) > 0 && r.Priced {
		c := t.Changes[len(t.Changes)-1]
		sign := "+"
		if c.Change < 0 {
			sign = ""
		}
		fmt.Fprintf(tw, "Change since %s\t%s%s (%s%.2f %%)\n", c.From, sign, m(c.Change), sign, c.ChangePct)
	}
	if q := r.Quotes; q != nil && q.CheapestVendor != "" {
		est := ""
		if q.TPM.Estimate {
			est = " (estimate)"
		}
		fmt.Fprintf(tw, "Quotes\tcheapest vendor partner %s; TPM saves %.2f %%%s; hybrid saves %.2f %%\n", q.CheapestVendor, q.TPM.Pct, est, q.Hybrid.Pct)
	}
	tw.Flush()
	if len(r.Advice) > 0 {
		b.WriteString("\nTop recommendations\n")
		for i, a := range r.Advice {
			if i == top {
				break
			}
			per := "a year"
			if a.OneOff {
				per = "once"
			}
			fmt.Fprintf(&b, "%2d. %s\n    ", i+1, a.Action)
			sep := ""
			if !a.NoMoney {
				fmt.Fprintf(&b, "%s %s %s", a.MoneyKind, a.Money.Format(cur), per)
				sep = "; "
			}
			switch {
			case a.DecideBy.IsZero():
			case a.DecideBy.Before(r.AsOf):
				fmt.Fprintf(&b, "%sdecide now (the decide-by date %s has passed)", sep, a.DecideBy)
			default:
				fmt.Fprintf(&b, "%sdecide by %s", sep, a.DecideBy)
			}
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeSummary prints what a loaded project holds as a short table.
func writeSummary(w io.Writer, s generator.Summary) error {
	var b strings.Builder
	head := s.Title
	if s.Organization != "" {
		head += " — " + s.Organization
	}
	fmt.Fprintf(&b, "%s, as of %s\n\n", head, s.AsOf)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "snapshot\tfiles\trows\tlines\tMAJOR\tMINOR\tdevices\tcontracts\t")
	for i, ss := range s.Snapshots {
		name := ss.Date.String()
		if i == 0 {
			name += " (current)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%d\t\n", name, ss.Files, thousands(ss.Rows), thousands(ss.Lines),
			thousands(ss.Major), thousands(ss.Minor), thousands(ss.Devices), ss.Contracts)
	}
	tw.Flush()
	b.WriteByte('\n')
	if s.LifecycleFiles == 0 {
		b.WriteString("lifecycle: no EoX file; LDoS comes from the exports' own columns\n")
	} else {
		fmt.Fprintf(&b, "lifecycle: %s, %s (%d announced, %d not announced)\n", count(s.LifecycleFiles, "file"),
			count(s.Products, "product ID"), s.Announced, s.Products-s.Announced)
	}
	if s.QuoteFiles == 0 {
		b.WriteString("quotes:    none\n")
	} else {
		fmt.Fprintf(&b, "quotes:    %s, %s, %s: %s\n", count(s.QuoteFiles, "file"), count(s.QuoteLines, "line"),
			count(s.QuoteTotals, "totals row"), strings.Join(s.Partners, ", "))
	}
	if s.InventoryFiles > 0 {
		fmt.Fprintf(&b, "inventory: %s, %s (%d out of service)\n", count(s.InventoryFiles, "file"), count(s.InventoryDevices, "device"), s.OutOfService)
	}
	if s.AlertFiles > 0 {
		advisories := strings.TrimSuffix(count(s.Advisories, "advisorie"), "advisorie") + "advisory"
		if s.Advisories != 1 {
			advisories = count(s.Advisories, "advisorie")
		}
		fmt.Fprintf(&b, "alerts:    %s, %s\n", count(s.AlertFiles, "file"), advisories)
	}
	if s.Register > 0 {
		fmt.Fprintf(&b, "decisions: %s recorded; %d checked against this export, %d done as decided\n", count(s.Register, "decision"), s.Verified, s.Realised)
	}
	fmt.Fprintf(&b, "\n%s, %s\n", count(s.Errors, "error"), count(s.Warnings, "warning"))
	_, err := io.WriteString(w, b.String())
	return err
}

// count says "1 device", "1,234 devices".
func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return thousands(n) + " " + word + "s"
}

func thousands(n int) string { return contract.Thousands(n) }
