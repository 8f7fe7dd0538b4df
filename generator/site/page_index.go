// The executive summary: index.html.

package site

import (
	"fmt"
	"strings"

	"github.com/renewals/renewals/generator/internal/chart"
)

func (b *builder) index() {
	r := b.r
	lead := b.say("index.lead", struct {
		Annual             string
		Devices, Contracts int
		Recommendations    string
	}{b.readerMoney(r.Spend.Annual), r.Status.Total, len(r.Contracts), recSentence(len(r.Advice))})
	if !r.Priced {
		lead = b.say("index.lead_unpriced", struct {
			Devices, Contracts int
			Recommendations    string
		}{r.Status.Total, len(r.Contracts), strings.Replace(recSentence(len(r.Advice)), "money at stake", "devices", 1)})
	}
	p := b.page("index.html", "index", b.say("index.title", nil), b.say("index.description", struct{ AsOf string }{r.AsOf.String()}), lead)
	p.Blocks = append(p.Blocks, b.noPricesBlock()...)
	// First what must be decided, by when and what is at stake.
	due, undecided := 0, 0
	for _, d := range r.Decisions {
		if d.Decided() {
			continue
		}
		undecided++
		if !d.DecideBy.IsZero() && !d.DecideBy.After(r.AsOf.AddDays(30)) {
			due++
		}
	}
	stake := NoPrices
	if sum, known := r.MoneyAtStake(); known {
		stake = b.readerMoney(sum)
	}
	decide := Block{ID: "decide", Class: "decide", Heading: b.heading("decide"),
		Paras: []string{b.say("index.verdict", struct {
			Decisions, Due int
			Stake          string
		}{undecided, due, stake})},
		Decisions: b.decisionViews(5, openDecision)}
	if undecided > 5 {
		decide.Links = []Link{{Text: "All " + plural(len(r.Decisions), "decision") + " with their options", Href: rel(p, "advice/index.html#decisions")}}
	}
	p.Blocks = append(p.Blocks, decide)
	if done := b.decisionViews(-1, decidedDecision); len(done) > 0 {
		for i := range done {
			done[i].Anchor = false
		}
		p.Blocks = append(p.Blocks, Block{ID: "decided", Class: "decide", Heading: b.heading("decided"), Decisions: done, Links: []Link{b.registerLink(p)}})
	}
	tiles := []Tile{
		{Label: b.label("annual-spend-run-rate"), Value: b.tileMoney(r.Spend.Annual), Href: rel(p, "spend/index.html")},
		{Label: b.label("devices-covered"), Value: fmt.Sprintf("%s of %s", thousands(r.Status.Covered), thousands(r.Status.Total)),
			Note: fmt.Sprintf("%s lapsed, %s never covered", thousands(r.Status.Lapsed), thousands(r.Status.NeverCovered)), Href: rel(p, "risk/index.html"), Tone: toneIf(r.Status.Uncovered > 0, "warn")},
		{Label: fmt.Sprintf("Expiring within %d days", r.Expiring.HorizonDays), Value: b.tileMoney(r.Expiring.AnnualValue),
			Note: plural(r.Expiring.Devices, "device"), Href: rel(p, "renewals/index.html")},
	}
	if lc := r.Lifecycle; lc.HasInput {
		tiles = append(tiles, Tile{Label: b.label("paid-past-last-date-of-support"), Value: b.tileMoney(lc.PastLDoSPaid.AnnualCost),
			Note: plural(lc.PastLDoSPaid.Devices, "device"), Href: rel(p, "risk/index.html#past-ldos"), Tone: toneIf(lc.PastLDoSPaid.Devices > 0, "bad")})
	}
	if c := lastChange(r); c != nil && r.Priced {
		tiles = append(tiles, Tile{Label: b.label("change-since") + longDate(c.From), Value: b.tileMoney(c.Change), Note: tilePct(c.ChangePct), Href: rel(p, "spend/index.html#change")})
	}
	if !r.Priced {
		// The money is unknown: the tiles that stand for it show their devices.
		for i := range tiles {
			if tiles[i].Value == NoPrices && (strings.HasSuffix(tiles[i].Note, "device") || strings.HasSuffix(tiles[i].Note, "devices")) {
				tiles[i].Value, tiles[i].Note = tiles[i].Note, NoPrices
			}
		}
	}
	if q := r.Quotes; q != nil && q.CheapestVendor != "" {
		note := "against " + q.CheapestVendor
		if q.TPM.Estimate {
			note = "estimate; no TPM quote"
		}
		tiles = append(tiles, Tile{Label: b.label("third-party-maintenance-saves"), Value: tilePct(q.TPM.Pct), Note: note, Href: rel(p, "quotes/index.html")})
	}
	if sec := r.Security; sec != nil && sec.HasAlerts {
		tiles = append(tiles, Tile{Label: b.label("exposed-and-not-entitled"), Value: thousands(sec.Devices),
			Note: "devices an advisory names that cannot get its fix", Href: rel(p, "risk/index.html#security"), Tone: toneIf(sec.Devices > 0, "bad")})
	}
	if rc := r.Reconcile; rc != nil {
		tiles = append(tiles, Tile{Label: b.label("paid-not-seen"), Value: b.tileMoney(rc.Saving),
			Note: "a year, on " + plural(len(rc.PaidNotSeen), "device") + " the inventory does not see", Href: rel(p, "risk/index.html#reconcile"), Tone: toneIf(len(rc.PaidNotSeen) > 0, "warn")})
	}
	for i := range tiles {
		tiles[i].ID = "figure-" + slug(tiles[i].Label)
	}
	p.Blocks = append(p.Blocks, Block{ID: "headlines", Heading: b.heading("headlines"), Tiles: tiles})
	p.Blocks = append(p.Blocks, Block{ID: "key-charts", Heading: b.heading("key-charts"), Charts: b.chartBlock(chart.RenewalsByMonth, chart.SpendByQuarter, chart.CoverageStatus)})
}

func recSentence(n int) string {
	if n == 0 {
		return "No action is recommended"
	}
	return plural(n, "recommendation") + " follow, ranked by money at stake and urgency"
}

// headline is the first clause of a sentence, for a title: "Renew
// contract 93824710 before it ends on 2026-12-31" of the action that goes
// on with the devices and the money.
func headline(sentence string) string {
	s := strings.TrimSuffix(sentence, ".")
	if i := strings.Index(s, ": "); i > 0 {
		s = s[:i]
	}
	return s
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func toneIf(cond bool, t string) string {
	if cond {
		return t
	}
	return ""
}
