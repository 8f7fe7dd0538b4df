package generator

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/renewals/renewals/generator/analyze"
)

// Build writes the report of a loaded project whose inputs have no errors
// into dir.
func (p *Project) Build(dir string, progress io.Writer) error {
	if p.Report == nil {
		return fmt.Errorf("the inputs have errors; nothing was written")
	}
	start := time.Now()
	figures, err := p.Report.MarshalFigures()
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "data", "figures.json"), figures); err != nil {
		return err
	}
	p.stage(progress)(start, "wrote %s", filepath.Join(dir, "data", "figures.json"))
	return nil
}

// writeFile writes data through a temporary file and a rename, so that a
// reader never sees half a file.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".renewals-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// WriteHeadlines prints the headline figures and the top recommendations
// as plain text, for the terminal.
func WriteHeadlines(w io.Writer, r *analyze.Report, title, organization string, top int) error {
	var b strings.Builder
	cur := r.Currency
	m := func(v analyze.Money) string { return v.Format(cur) }
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
	fmt.Fprintf(tw, "Expiring within %d days\t%s, %s a year\n", r.Expiring.HorizonDays, count(r.Expiring.Devices, "device"), m(r.Expiring.AnnualValue))
	if lc := r.Lifecycle; lc.HasInput {
		fmt.Fprintf(tw, "Past LDoS, still paid\t%s, %s a year\n", count(lc.PastLDoSPaid.Devices, "device"), m(lc.PastLDoSPaid.AnnualCost))
		fmt.Fprintf(tw, "LDoS within 12 months\t%s\n", count(lc.Within12Months.Devices, "device"))
	}
	if d := r.Duplicate; len(d.Serials) > 0 {
		fmt.Fprintf(tw, "Duplicate coverage\t%s, %s a year\n", count(len(d.Serials), "device"), m(d.AnnualSaving))
	}
	if t := r.Trend; t != nil && len(t.Changes) > 0 {
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
			fmt.Fprintf(&b, "%2d. %s\n    %s %s %s", i+1, a.Action, a.MoneyKind, m(a.Money), per)
			switch {
			case a.DecideBy.IsZero():
			case a.DecideBy.Before(r.AsOf):
				fmt.Fprintf(&b, "; decide now (the decide-by date %s has passed)", a.DecideBy)
			default:
				fmt.Fprintf(&b, "; decide by %s", a.DecideBy)
			}
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
