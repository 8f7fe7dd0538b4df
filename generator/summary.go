package generator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

// SnapshotSummary counts what one snapshot's files hold.
type SnapshotSummary struct {
	Date                contract.Date
	Files, Rows         int
	Lines, Major, Minor int
	Devices, Contracts  int
}

// Summary counts what a loaded project holds, for `renewals check`.
type Summary struct {
	Title, Organization string
	AsOf                contract.Date
	Snapshots           []SnapshotSummary
	LifecycleFiles      int
	Products, Announced int
	QuoteFiles          int
	QuoteLines          int
	Partners            []string // "Atlas IT (vendor-partner)"
	QuoteTotals         int
	// The live inventory: files, the serials they list, how many of them
	// out of service; the alerts: files and distinct advisories.
	InventoryFiles, InventoryDevices, OutOfService int
	AlertFiles, Advisories                         int
	// The decision register: its entries, those checked against this
	// snapshot, and of those the ones done as decided.
	Register, Verified, Realised int
	Errors, Warnings             int
}

// Summarize counts what p holds.
func (p *Project) Summarize() Summary {
	s := Summary{Errors: p.Diags.Count(diag.Error), Warnings: p.Diags.Count(diag.Warning)}
	if p.Config != nil {
		s.Title, s.Organization, s.AsOf = p.Config.Title, p.Config.Organization, p.Config.AsOf
	}
	e := p.Estate
	if e == nil {
		return s
	}
	for _, snap := range e.Snapshots {
		ss := SnapshotSummary{Date: snap.Date, Files: len(snap.Files), Lines: snap.Len()}
		for _, f := range snap.Files {
			ss.Rows += f.Rows
		}
		devices, contracts := map[string]bool{}, map[string]bool{}
		count := func(minor bool, serial, contract string) {
			if minor {
				ss.Minor++
			} else {
				ss.Major++
				devices[serial] = true
			}
			if contract != "" {
				contracts[contract] = true
			}
		}
		for i := range snap.Lines {
			count(snap.Lines[i].Minor, snap.Lines[i].Serial, snap.Lines[i].Contract)
		}
		for i := range snap.Past {
			count(snap.Past[i].Minor, snap.Past[i].Serial, snap.Past[i].Contract)
		}
		ss.Devices, ss.Contracts = len(devices), len(contracts)
		s.Snapshots = append(s.Snapshots, ss)
	}
	s.LifecycleFiles = len(e.LifeFiles)
	s.Products = len(e.Lifecycle)
	for _, r := range e.Lifecycle {
		if r.Announced {
			s.Announced++
		}
	}
	s.QuoteFiles, s.QuoteLines, s.QuoteTotals = len(e.QuoteFiles), len(e.Quotes), len(e.QuoteTotals)
	seen := map[string]bool{}
	for _, q := range e.Quotes {
		name := fmt.Sprintf("%s (%s)", q.Partner, q.Kind)
		if !seen[name] {
			seen[name] = true
			s.Partners = append(s.Partners, name)
		}
	}
	slices.Sort(s.Partners)
	s.InventoryFiles, s.AlertFiles = len(e.InventoryFiles), len(e.AlertFiles)
	serials := map[string]bool{}
	for _, it := range e.Inventory {
		k := strings.ToUpper(strings.TrimSpace(it.Serial))
		if !serials[k] {
			serials[k] = true
			if it.OutOfService {
				s.OutOfService++
			}
		}
	}
	s.InventoryDevices = len(serials)
	advisories := map[string]bool{}
	for _, a := range e.Alerts {
		advisories[a.ID] = true
	}
	s.Advisories = len(advisories)
	if r := p.Report; r != nil {
		s.Register = len(r.Register)
		for _, e := range r.Register {
			if e.Check != nil {
				s.Verified++
				if e.Check.Outcome == analyze.Realised {
					s.Realised++
				}
			}
		}
	}
	return s
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return thousands(n) + " " + word + "s"
}
