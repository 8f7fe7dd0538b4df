// The estate beyond the vendor's view, on the risk and spend pages: the
// live inventory, security exposure, the replacement plan and the budget.

package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/internal/chart"
)

// optMoneyCell is an amount that may be unknown: none says why.
func optMoneyCell(b *builder, m *analyze.Money, none string) Cell {
	if m == nil {
		return Cell{Text: none}
	}
	return moneyCell(b, *m)
}

// reconcileBlocks set the contracts against the live inventory.
func (b *builder) reconcileBlocks(p *Page) []Block {
	rc := b.r.Reconcile
	if rc == nil {
		return []Block{{ID: "reconcile", Heading: b.heading("reconcile"), Paras: []string{b.say("risk.reconcile_none", nil)}}}
	}
	blk := Block{ID: "reconcile", Heading: b.heading("reconcile"),
		Paras: []string{b.say("risk.reconcile", struct{ Files, Devices, UnseenDays int }{rc.Files, rc.Devices, rc.UnseenDays})},
		Tiles: []Tile{
			{Label: b.label("paid-not-seen"), Value: b.tileMoney(rc.Saving), Note: "a year, on " + plural(len(rc.PaidNotSeen), "device"), Tone: toneIf(len(rc.PaidNotSeen) > 0, "bad")},
			{Label: b.label("seen-not-covered"), Value: thousands(len(rc.SeenNotCovered)), Note: "devices in service", Tone: toneIf(len(rc.SeenNotCovered) > 0, "warn")},
			{Label: b.label("unknown-to-the-vendor"), Value: thousands(len(rc.UnknownToVendor)), Note: "in no coverage export", Tone: toneIf(len(rc.UnknownToVendor) > 0, "warn")},
			{Label: b.label("matched"), Value: thousands(rc.Matched), Note: "covered and seen in service"},
		}}
	t := &Table{ID: "paid-not-seen", Caption: b.caption("paid-not-seen"), PageSize: pageSize, Columns: []Column{
		{Name: "Serial"}, {Name: "Product ID"}, {Name: "Site"}, {Name: "Why"}, {Name: "Annual cost", Numeric: true}}}
	for _, u := range rc.PaidNotSeen {
		t.Rows = append(t.Rows, []Cell{{Text: u.Serial}, b.link(p, b.product[u.ProductID], u.ProductID), {Text: siteName(u.Site)}, {Text: u.Reason}, moneyCell(b, u.Annual)})
	}
	if len(t.Rows) > 0 {
		blk.Table = t
	}
	out := []Block{blk}
	seen := &Table{ID: "inventory-not-covered", Caption: b.caption("inventory-not-covered"), PageSize: pageSize, Columns: []Column{
		{Name: "Serial"}, {Name: "Host"}, {Name: "Product ID"}, {Name: "Site"}, {Name: "Status"}, {Name: "Last seen"}, {Name: "Finding"}}}
	for _, l := range []struct {
		list    []analyze.Seen
		finding string
	}{{rc.SeenNotCovered, "seen, not covered"}, {rc.UnknownToVendor, "unknown to the vendor"}} {
		for _, s := range l.list {
			last := Cell{}
			if !s.LastSeen.IsZero() {
				last = dateCell(s.LastSeen)
			}
			seen.Rows = append(seen.Rows, []Cell{{Text: s.Serial}, {Text: s.Host}, {Text: s.ProductID}, {Text: siteName(s.Site)}, {Text: s.Status}, last,
				{Text: l.finding}})
		}
	}
	if len(seen.Rows) > 0 {
		out = append(out, Block{ID: "inventory-not-covered", Heading: b.heading("inventory-not-covered"), Table: seen})
	}
	sites := &Table{ID: "reconcile-by-site", Caption: b.caption("reconcile-by-site"), PageSize: pageSize, Columns: []Column{
		{Name: "Site"}, {Name: "Paid, not seen", Numeric: true}, {Name: "Seen, not covered", Numeric: true}, {Name: "Unknown to the vendor", Numeric: true}, {Name: "Matched", Numeric: true}}}
	names := make([]string, 0, len(rc.BySite))
	for n := range rc.BySite {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		s := rc.BySite[n]
		sites.Rows = append(sites.Rows, []Cell{{Text: n}, intCell(s.PaidNotSeen), intCell(s.SeenNotCovered), intCell(s.UnknownToVendor), intCell(s.Matched)})
	}
	return append(out, Block{ID: "reconcile-by-site", Heading: b.heading("reconcile-by-site"), Table: sites})
}

// securityBlocks show what cannot receive fixed software.
func (b *builder) securityBlocks(p *Page) []Block {
	sec := b.r.Security
	blk := Block{ID: "security", Heading: b.heading("security")}
	if sec == nil {
		blk.Paras = []string{b.say("risk.security_none", nil)}
		return []Block{blk}
	}
	if sec.HasEoX {
		blk.Tiles = append(blk.Tiles,
			Tile{Label: b.label("past-end-of-vulnerability-support"), Value: thousands(len(sec.PastVul)), Note: "devices get no security fixes", Tone: toneIf(len(sec.PastVul) > 0, "bad")},
			Tile{Label: b.label("vulnerability-support-ends-within-12-months"), Value: thousands(len(sec.VulWithin12)), Note: "devices", Tone: toneIf(len(sec.VulWithin12) > 0, "warn")})
	}
	if !sec.HasAlerts {
		blk.Paras = append(blk.Paras, b.say("risk.alerts_none", nil))
		return []Block{blk}
	}
	entitle := b.tileMoney(sec.Entitle)
	replace := "unknown"
	if sec.ReplaceUnknown < sec.PastLDoSDevices {
		replace = b.tileMoney(sec.Replace)
	}
	blk.Paras = append(blk.Paras, b.say("risk.security", struct {
		Advisories, Unmatched, Devices int
	}{sec.Advisories, sec.Unmatched, sec.Devices}))
	if sec.Advisories > 0 && sec.Unmatched == sec.Advisories {
		blk.Paras = append(blk.Paras, b.say("risk.alerts_unmatched", nil))
	}
	blk.Tiles = append(blk.Tiles,
		Tile{Label: b.label("exposed-and-not-entitled"), Value: thousands(sec.Devices), Note: plural(len(sec.Exposed), "advisory × device pair"), Tone: toneIf(sec.Devices > 0, "bad")},
		Tile{Label: b.label("to-entitle"), Value: entitle, Note: fmt.Sprintf("reinstatement; %s need a quote", plural(sec.EntitleUnknown, "device"))},
		Tile{Label: b.label("to-replace"), Value: replace, Note: fmt.Sprintf("past LDoS; %s without a price", plural(sec.ReplaceUnknown, "device"))})
	sev := &Table{ID: "exposure-by-severity", Caption: b.caption("exposure-by-severity"), Columns: []Column{
		{Name: "Severity"}, {Name: "Advisories", Numeric: true}, {Name: "Devices", Numeric: true}, {Name: "Pairs", Numeric: true}}}
	for _, c := range sec.BySeverity {
		sev.Rows = append(sev.Rows, []Cell{{Text: c.Severity}, intCell(c.Advisories), intCell(c.Devices), intCell(c.Pairs)})
	}
	if len(sev.Rows) > 0 {
		blk.Table = sev
	}
	out := []Block{blk}
	if len(sec.Exposed) == 0 {
		return out
	}
	// The advisories, each with the devices it names that are not
	// entitled; then those devices once each.
	t := &Table{ID: "exposed-advisories", Caption: b.caption("exposed-not-entitled"), PageSize: pageSize, Columns: []Column{
		{Name: "Advisory"}, {Name: "Title"}, {Name: "Severity"}, {Name: "CVSS", Numeric: true}, {Name: "Named by"},
		{Name: "Uncovered", Numeric: true}, {Name: "Past LDoS", Numeric: true}}}
	var serials []string
	seen := map[string]bool{}
	for i := 0; i < len(sec.Exposed); {
		e := sec.Exposed[i]
		uncovered, past := 0, 0
		for ; i < len(sec.Exposed) && sec.Exposed[i].Advisory == e.Advisory; i++ {
			x := sec.Exposed[i]
			if x.PastLDoS {
				past++
			} else {
				uncovered++
			}
			if !seen[x.Serial] {
				seen[x.Serial] = true
				serials = append(serials, x.Serial)
			}
		}
		cvss := Cell{}
		if e.CVSS >= 0 {
			cvss = Cell{Text: fmt.Sprintf("%.1f", float64(e.CVSS)/10), Sort: fmt.Sprint(e.CVSS), Num: true}
		}
		t.Rows = append(t.Rows, []Cell{{Text: e.Advisory}, {Text: e.Title}, {Text: e.Severity}, cvss, {Text: e.By}, intCell(uncovered), intCell(past)})
	}
	slices.Sort(serials)
	return append(out, Block{ID: "exposed-not-entitled", Heading: b.heading("exposed-not-entitled"), Table: t},
		Block{ID: "exposed-devices", Heading: b.heading("exposed-devices"), Table: b.deviceTable(p, "exposed-devices", b.caption("exposed-devices"), b.devicesBySerial(serials))})
}

// replacementBlock plans the replacement of what reaches LDoS within 24
// months.
func (b *builder) replacementBlock(p *Page) Block {
	plan := b.r.Replace
	blk := Block{ID: "replacement", Heading: b.heading("replacement")}
	if plan == nil || plan.Devices == 0 {
		blk.Paras = []string{b.say("risk.replacement_none", nil)}
		return blk
	}
	capex := "unknown"
	if plan.Unpriced < plan.Devices {
		capex = b.tileMoney(plan.Capex)
	}
	blk.Paras = []string{b.say("risk.replacement", struct{ Devices, Products, Unpriced int }{plan.Devices, len(plan.Products), plan.Unpriced})}
	blk.Tiles = []Tile{{Label: b.label("replacement-capex"), Value: capex, Note: fmt.Sprintf("%s, %d without a price", plural(plan.Devices, "device"), plan.Unpriced)}}
	for _, q := range plan.Quarters {
		v := "unknown"
		if q.Unpriced < q.Devices {
			v = b.tileMoney(q.Capex)
		}
		blk.Tiles = append(blk.Tiles, Tile{Label: q.Quarter.String(), Value: v, Note: plural(q.Devices, "device") + " reach LDoS"})
	}
	t := &Table{ID: "replacement-plan", Caption: b.caption("replacement-plan"), PageSize: pageSize, Columns: []Column{
		{Name: "Product ID"}, {Name: "Replaced by"}, {Name: "Devices", Numeric: true}, {Name: "First LDoS"}, {Name: "By fiscal quarter"},
		{Name: "Unit price", Numeric: true}, {Name: "Replace", Numeric: true}, {Name: "Vendor cover, 3 years", Numeric: true}, {Name: "TPM, 3 years", Numeric: true}}}
	for _, pr := range plan.Products {
		var qs []string
		for _, c := range pr.ByQuarter {
			qs = append(qs, fmt.Sprintf("%s: %d", c.Quarter, c.Devices))
		}
		t.Rows = append(t.Rows, []Cell{b.link(p, b.product[pr.ProductID], pr.ProductID), {Text: cmp.Or(pr.Migration, "none named")}, intCell(pr.Devices),
			dateCell(pr.FirstLDoS), {Text: strings.Join(qs, "; ")}, optMoneyCell(b, pr.UnitPrice, "no price"), optMoneyCell(b, pr.Capex, "no price"),
			optMoneyCell(b, pr.Vendor3y, NoPrices), optMoneyCell(b, pr.TPM3y, NoPrices)})
	}
	blk.Table = t
	return blk
}

// budgetBlock shows when renewal money leaves.
func (b *builder) budgetBlock() Block {
	bu := b.r.Budget
	if bu == nil {
		return Block{ID: "budget", Heading: b.heading("budget"), Paras: []string{b.say("spend.budget_none", nil)}}
	}
	return Block{ID: "budget", Heading: b.heading("budget"), Charts: b.chartBlock(chart.BudgetForecast),
		Paras: []string{b.say("spend.budget", struct {
			Uplift, AsIs, Recommended string
			Month                     string
		}{fmt.Sprintf("%.0f %%", bu.Uplift*100), b.readerMoney(bu.AsIs), b.readerMoney(bu.Recommended), time.Month(max(bu.FiscalYearStart, 1)).String()})}}
}
