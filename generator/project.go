// What a loaded project offers besides the pipeline: serve's reloads and
// watch list, the analysis settings, and the findings reported as warnings.

package generator

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
	"github.com/renewals/renewals/generator/internal/chart"
	"github.com/renewals/renewals/generator/internal/config"
	"github.com/renewals/renewals/generator/internal/content"
	"github.com/renewals/renewals/generator/site"
)

// ReloadContent reads the commentary again, leaving the inputs and the
// analysis as they are, and returns its diagnostics. serve uses it when
// only Markdown changed.
func (p *Project) ReloadContent() *diag.List {
	l := &diag.List{}
	if p.Config != nil && p.Config.Content != "" {
		p.Docs = content.Load(p.Config.Dir, p.Config.Content, content.Names{Figures: site.FigureNames(), Charts: chart.Names}, l)
	}
	return l
}

// Watched lists the files and folders whose change means the project must
// be loaded again: the config, every input file and the folders their
// globs look in (a new export appears there). Commentary is apart.
func (p *Project) Watched() (inputs []string, content string) {
	inputs = []string{}
	if p.Config == nil {
		return inputs, ""
	}
	c := p.Config
	add := func(files []string) {
		for _, f := range files {
			inputs = append(inputs, f, filepath.Dir(f))
		}
	}
	for _, s := range c.Snapshots {
		add(s.Coverage)
	}
	add(c.Lifecycle)
	for _, q := range c.Quotes {
		add(q.Files)
	}
	for _, inv := range c.Inventory {
		add(inv.Files)
	}
	add(c.Alerts)
	inputs = append(inputs, filepath.Join(c.Dir, config.RegisterFile)) // the decision register, made or not
	return inputs, c.Content
}

func settings(c *config.Config) analyze.Settings {
	a := c.Advice
	s := analyze.Settings{HorizonDays: a.HorizonDays, TPMDiscount: a.TPMDiscount, ReinstatementFeeRate: a.ReinstatementFeeRate,
		ReinstatementGraceDays: a.ReinstatementGraceDays, DecisionLeadDays: a.DecisionLeadDays, UpliftCap: a.UpliftCap}
	s.ContractLabels = c.ContractLabels
	s.ServiceTargets = c.ServiceTargets
	s.UnseenDays, s.Uplift, s.FiscalYearStart = a.UnseenDays, a.Uplift, c.FiscalYearStart
	for pid, rp := range c.Replacement {
		if s.Replacement == nil {
			s.Replacement = map[string]analyze.ReplacementPrice{}
		}
		s.Replacement[pid] = analyze.ReplacementPrice{Product: rp.Product, Price: rp.Price}
	}
	for _, cr := range c.Critical {
		s.Critical = append(s.Critical, analyze.CriticalRule{Sites: cr.Sites, Families: cr.Families, ProductIDs: cr.ProductIDs})
	}
	return s
}

// findings reports what analysis found wrong in the data as warnings at
// the rows that say it.
func (p *Project) findings() {
	r := p.Report
	if r.Quotes != nil {
		for _, m := range r.Quotes.TotalMismatches {
			quote := ""
			if m.QuoteNumber != "" {
				quote = " of quote " + m.QuoteNumber
			}
			p.Diags.Warnf(diag.Pos{File: m.Ref.File, Line: m.Ref.Line}, "quote-total", "the total%s says %s but its lines add up to %s",
				quote, m.Stated.Format(r.Currency), m.Sum.Format(r.Currency))
		}
	}
	refs := map[string]contract.Ref{}
	for _, l := range p.Estate.Lifecycle {
		refs[l.ProductID] = l.Ref
	}
	for _, d := range r.Quality.LDoSDisagreements {
		ref := refs[d.ProductID]
		p.Diags.Warnf(diag.Pos{File: ref.File, Line: ref.Line}, "ldos-disagreement",
			"%s: the EoX file gives LDoS %s but the coverage export says %s for %s; the EoX date is used", d.ProductID, d.EoX, d.Export, count(d.Devices, "device"))
	}
}

// thousands formats n with comma separators: 1,234,567.
func thousands(n int) string { return contract.Thousands(n) }

// Size formats a byte count for people: 1.4 MB.
func Size(n int64) string { return size(n) }

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// register reads decisions.toml beside the config and records each entry
// on its decision, in this report or in an archived quarter's; an entry
// that names no decision, or no option of it, is an error with the
// closest name.
func (p *Project) register() {
	entries := config.LoadRegister(p.Config.Dir, p.Diags)
	if len(entries) == 0 {
		return
	}
	records := make([]analyze.Record, len(entries))
	for i, e := range entries {
		records[i] = analyze.Record{ID: e.ID, Option: e.Option, Status: e.Status, Owner: e.Owner, Note: e.Note, Date: e.Date, Quarter: e.Quarter}
	}
	past := p.pastDecisions()
	var ids []string
	for _, d := range p.Report.Decisions {
		ids = append(ids, d.ID)
	}
	for _, d := range past {
		if !slices.Contains(ids, d.ID) {
			ids = append(ids, d.ID)
		}
	}
	for _, pr := range p.Report.Apply(records, past) {
		e := entries[pr.Index]
		if pr.Unarchived {
			p.Diags.Add(diag.Diagnostic{Pos: e.Pos, Severity: diag.Warning, Kind: "register",
				Msg:   fmt.Sprintf("decision %s (%s) names no decision of this report, and the report it was taken on is not archived: it is listed but cannot be verified", e.ID, cmp.Or(e.Quarter, "dated "+e.Date.String())),
				Notes: []string{"keep each quarter's report in the archive (archive = \"archive\" in report.toml, the default) so that next quarter can check what was decided"}})
			continue
		}
		if pr.Options == nil {
			msg := fmt.Sprintf("no decision of this report or of an archived quarter's has the id %q", e.ID)
			if s := diag.Suggest(e.ID, ids); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			p.Diags.Add(diag.Diagnostic{Pos: e.Pos, Severity: diag.Error, Msg: msg, Notes: []string{"the ids are in figures.json, decisions[].id: " + strings.Join(ids, ", ")}})
			continue
		}
		msg := fmt.Sprintf("decision %s has no option %q", e.ID, e.Option)
		if s := diag.Suggest(e.Option, pr.Options); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		p.Diags.Add(diag.Diagnostic{Pos: e.OptionPos, Severity: diag.Error, Msg: msg, Notes: []string{"its options: " + strings.Join(pr.Options, ", ")}})
	}
}

// pastDecisions reads the decisions of the archived quarters before this
// report's, as their figures.json published them. An unreadable one is
// an error at its file.
func (p *Project) pastDecisions() []analyze.PastDecision {
	quarters, err := archivedQuarters(p.Config.Archive)
	if err != nil {
		p.Diags.Errorf(diag.Pos{File: p.Config.Archive}, "%v", err)
		return nil
	}
	var out []analyze.PastDecision
	current := QuarterOf(p.Report.AsOf)
	for _, q := range quarters {
		if q >= current {
			continue
		}
		path := filepath.Join(p.Config.Archive, q, "data", "figures.json")
		data, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		var ds []analyze.PastDecision
		if err == nil {
			ds, err = analyze.ReadPastDecisions(q, data)
		}
		if err != nil {
			p.Diags.Errorf(diag.Pos{File: path}, "%v", err)
			continue
		}
		out = append(out, ds...)
	}
	return out
}
