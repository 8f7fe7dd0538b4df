// The inventory pages: every device, and a page per contract, site and
// product.

package site

import (
	"fmt"
	"strings"

	"github.com/renewals/renewals/generator/analyze"
)

// status describes a device's coverage.
func status(d *analyze.Device) string {
	switch {
	case d.Covered:
		return "Covered"
	case d.NeverCovered:
		return "Never covered"
	case d.LapsedDays > 0:
		return fmt.Sprintf("Lapsed %d days", d.LapsedDays)
	}
	return "Lapsed"
}

// deviceTable lists devices with links to their contract, site and product
// pages.
func (b *builder) deviceTable(p *Page, id, caption string, ds []*analyze.Device) *Table {
	return &Table{ID: id, Caption: caption, PageSize: pageSize, Columns: deviceColumns, devices: ds, enc: b.devRows}
}

// tableID names the device table of a contract, site or product page after
// the page's unique path: contracts/93824710/index.html → contracts-93824710.
func tableID(p *Page) string {
	return strings.ReplaceAll(strings.TrimSuffix(p.Path, "/index.html"), "/", "-")
}

func (b *builder) devicesBySerial(serials []string) []*analyze.Device {
	out := make([]*analyze.Device, 0, len(serials))
	for _, s := range serials {
		if d := b.r.Device(s); d != nil {
			out = append(out, d)
		}
	}
	return out
}

func (b *builder) devices() {
	p := b.page("devices/index.html", "devices", b.say("devices.title", nil), b.say("devices.description", nil), b.say("devices.lead", nil))
	p.Blocks = append(p.Blocks, Block{ID: "all-devices", Heading: plural(len(b.r.Devices), "device"), Table: b.deviceTable(p, "devices", b.caption("all-devices"), b.r.Devices)})
}

func (b *builder) contracts() {
	r := b.r
	idx := b.page("contracts/index.html", "renewals", b.say("contracts.title", nil), b.say("contracts.description", nil), "")
	var links []Link
	for _, c := range r.Contracts {
		links = append(links, Link{Text: b.contractName(c.Number), Href: rel(idx, b.contract[c.Number]), Note: b.money(c.AnnualSpend)})
	}
	idx.Blocks = append(idx.Blocks, Block{ID: "contracts", Heading: plural(len(r.Contracts), "contract"), Links: links})
	byContract := map[string][]*analyze.Device{}
	for _, d := range r.Devices {
		for _, c := range d.Contracts {
			byContract[c] = append(byContract[c], d)
		}
	}
	for _, c := range r.Contracts {
		num := struct{ Number string }{c.Number}
		p := b.page(b.contract[c.Number], "renewals", b.say("contracts.contract_title", num), b.say("contracts.contract_description", num), c.Label)
		p.Crumbs = []Link{{Text: "Contracts", Href: "contracts/index.html"}}
		var ends []string
		for _, d := range c.EndDates {
			ends = append(ends, d.String())
		}
		tiles := []Tile{{Label: b.label("annual-spend"), Value: b.tileMoney(c.AnnualSpend)}, {Label: b.label("term-value"), Value: b.tileMoney(c.TermValue)},
			{Label: b.label("devices"), Value: thousands(c.Devices)}, {Label: b.label("service-levels"), Value: strings.Join(c.ServiceLevel, ", ")}}
		if !c.NextEnd.IsZero() {
			tiles = append(tiles, Tile{Label: b.label("next-end"), Value: longDate(c.NextEnd), Note: "decide by " + longDate(c.DecideBy), Tone: toneIf(c.DecideBy.Before(r.AsOf), "warn")})
		}
		if c.Lapsed {
			tiles = append(tiles, Tile{Label: b.label("status"), Value: "Lapsed", Note: "ended " + c.LastEnd.String(), Tone: "bad"})
		}
		blk := Block{ID: "summary", Heading: b.heading("summary"), Tiles: tiles}
		if len(ends) > 1 {
			blk.Paras = []string{"Its active lines end on " + strings.Join(ends, ", ") + ": a candidate for co-terming."}
		}
		p.Blocks = append(p.Blocks, blk, Block{ID: "devices", Heading: b.heading("devices"), Table: b.deviceTable(p, tableID(p), "Devices on contract "+c.Number, byContract[c.Number])})
	}
}

func (b *builder) sites() {
	idx := b.page("sites/index.html", "spend", b.say("sites.title", nil), b.say("sites.description", nil), "")
	bySite := map[string][]*analyze.Device{}
	for _, d := range b.r.Devices {
		s := siteName(d.Site)
		bySite[s] = append(bySite[s], d)
	}
	var links []Link
	for _, s := range b.siteList {
		links = append(links, Link{Text: s, Href: rel(idx, b.site[s]), Note: plural(len(bySite[s]), "device")})
	}
	idx.Blocks = append(idx.Blocks, Block{ID: "sites", Heading: plural(len(links), "site"), Links: links})
	for _, s := range b.siteList {
		ds := bySite[s]
		p := b.page(b.site[s], "spend", s, b.say("sites.site_description", struct{ Site string }{s}), "")
		p.Crumbs = []Link{{Text: "Sites", Href: "sites/index.html"}}
		var covered int
		var cost analyze.Money
		for _, d := range ds {
			if d.Covered {
				covered++
			}
			cost += d.AnnualCost
		}
		p.Blocks = append(p.Blocks, Block{ID: "summary", Heading: b.heading("summary"), Tiles: []Tile{
			{Label: b.label("devices"), Value: thousands(len(ds))}, {Label: b.label("covered"), Value: thousands(covered), Tone: toneIf(covered < len(ds), "warn")},
			{Label: b.label("annual-spend-major-lines"), Value: b.tileMoney(cost)}, {Label: b.label("annual-spend-all-lines"), Value: b.tileMoney(b.r.Spend.BySite[s])}}},
			Block{ID: "devices", Heading: b.heading("devices"), Table: b.deviceTable(p, tableID(p), "Devices at "+s, ds)})
	}
}

func (b *builder) products() {
	idx := b.page("products/index.html", "risk", b.say("products.title", nil), b.say("products.description", nil), "")
	idx.Blocks = append(idx.Blocks, Block{ID: "products", Heading: plural(len(b.r.Lifecycle.Products), "product ID"), Table: b.productTable(idx, "products")})
	byPID := map[string][]*analyze.Device{}
	for _, d := range b.r.Devices {
		byPID[d.ProductID] = append(byPID[d.ProductID], d)
	}
	for _, pr := range b.r.Lifecycle.Products {
		p := b.page(b.product[pr.ProductID], "risk", pr.ProductID, b.say("products.product_description", struct{ ProductID string }{pr.ProductID}), pr.Description)
		p.Crumbs = []Link{{Text: "Product IDs", Href: "products/index.html"}}
		ldos := pr.LDoS.String()
		if ldos == "" {
			ldos = "unknown"
		}
		tiles := []Tile{{Label: b.label("devices"), Value: thousands(pr.Devices), Note: thousands(pr.Covered) + " covered"},
			{Label: b.label("last-date-of-support"), Value: ldos, Note: pr.LDoSSource, Tone: toneIf(!pr.LDoS.IsZero() && pr.LDoS.Before(b.r.AsOf), "bad")},
			{Label: b.label("annual-cost"), Value: b.tileMoney(pr.AnnualCost)}}
		if !pr.EndOfRenewal.IsZero() {
			tiles = append(tiles, Tile{Label: b.label("end-of-contract-renewal"), Value: longDate(pr.EndOfRenewal), Tone: toneIf(pr.EndOfRenewal.Before(b.r.AsOf), "warn")})
		}
		if pr.Migration != "" {
			tiles = append(tiles, Tile{Label: b.label("migration"), Value: pr.Migration})
		}
		blk := Block{ID: "lifecycle", Heading: b.heading("lifecycle"), Tiles: tiles}
		if !pr.Announced {
			blk.Paras = []string{"The vendor has announced no end of life for this product: its dates are unknown, which is not the same as never."}
		}
		p.Blocks = append(p.Blocks, blk, Block{ID: "devices", Heading: b.heading("devices"), Table: b.deviceTable(p, tableID(p), "Devices of "+pr.ProductID, byPID[pr.ProductID])})
	}
}
