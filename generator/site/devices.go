package site

import (
	"bytes"
	"encoding/csv"
	"html/template"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/renewals/renewals/generator/analyze"
)

// deviceColumns are the columns of every device table.
var deviceColumns = []Column{
	{Name: "Serial"}, {Name: "Host"}, {Name: "Product ID"}, {Name: "Site"}, {Name: "Status"}, {Name: "Contracts"},
	{Name: "Service level"}, {Name: "Covered until"}, {Name: "LDoS"}, {Name: "Annual cost", Numeric: true}}

// deviceRows encodes each device's row once: its cells (links as site
// paths), its CSV record, and its entry in the shared rows file. A device
// appears in six to eight tables (all devices, its contract, site and
// product, risk groups, advice); they all reuse the encoding, and the
// browser loads each row once for any of them. Rows are found by the
// device's Index.
type deviceRows struct {
	cells [][]Cell
	csv   [][]byte
	done  sync.WaitGroup
}

// needed reports whether a large device table on pages loads the shared
// rows.
func (dr *deviceRows) needed(pages []*Page) bool {
	for _, p := range pages {
		for _, blk := range p.Blocks {
			if t := blk.Table; t != nil && t.enc == dr && t.Count() > LargeTable {
				return true
			}
		}
	}
	return false
}

// newDeviceRows starts encoding every device's row, on every core, and
// returns at once; wait returns when the rows are ready. It needs the
// builder's page paths.
func newDeviceRows(b *builder) *deviceRows {
	ds := b.r.Devices
	dr := &deviceRows{cells: make([][]Cell, len(ds)), csv: make([][]byte, len(ds))}
	parts := runtime.GOMAXPROCS(0)
	for k := range parts {
		dr.done.Add(1)
		go func() {
			defer dr.done.Done()
			dr.encode(b, ds, k*len(ds)/parts, (k+1)*len(ds)/parts)
		}()
	}
	return dr
}

// wait returns once every row is encoded.
func (dr *deviceRows) wait() { dr.done.Wait() }

// encode encodes the rows of ds[from:to].
func (dr *deviceRows) encode(b *builder, ds []*analyze.Device, from, to int) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	record := make([]string, len(deviceColumns))
	for i := from; i < to; i++ {
		d := ds[i]
		contracts, levels := d.Contracts, d.ServiceLevels
		cc := Cell{Text: strings.Join(contracts, ", ")}
		if len(contracts) == 1 {
			cc.Href = b.contract[contracts[0]]
		}
		until := d.ActiveEnd
		if !d.Covered {
			until = 0
		}
		cells := []Cell{{Text: d.Serial}, {Text: d.HostName}, {Text: d.ProductID, Href: b.product[d.ProductID]},
			{Text: siteName(d.Site), Href: b.site[siteName(d.Site)]}, {Text: status(d)}, cc, {Text: strings.Join(levels, ", ")},
			dateCell(until), dateCell(d.LDoS), moneyCell(b, d.AnnualCost)}
		dr.cells[i] = cells
		for j, c := range cells {
			record[j] = Neutralize(c.Text)
		}
		buf.Reset()
		w.Write(record)
		w.Flush()
		dr.csv[i] = bytes.Clone(buf.Bytes())
	}
}

// rowsHTML renders the rows of up to limit devices for page p, straight
// from the encoded cells: their links are site paths, so the page's way
// back to the site root goes before each.
func (dr *deviceRows) rowsHTML(p *Page, ds []*analyze.Device, limit int) template.HTML {
	if p.single != nil { // links become anchors in one file
		return rowsHTML(dr.rows(p, ds, limit))
	}
	n := min(len(ds), limit)
	if n == 0 {
		return ""
	}
	root := p.Root()
	var b strings.Builder
	b.Grow(n * len(deviceColumns) * 48)
	for _, d := range ds[:n] {
		writeRow(&b, dr.cells[d.Index], root)
	}
	return template.HTML(b.String())
}

// rows returns the cells of up to limit devices, with links relative to p.
func (dr *deviceRows) rows(p *Page, ds []*analyze.Device, limit int) [][]Cell {
	n := min(len(ds), limit)
	out := make([][]Cell, n)
	for i, d := range ds[:n] {
		src := dr.cells[d.Index]
		row := make([]Cell, len(src))
		for j, c := range src {
			if c.Href != "" {
				c.Href = rel(p, c.Href)
			}
			row[j] = c
		}
		out[i] = row
	}
	return out
}

// appendCSV appends a device table's download, from the encoded records,
// to b.
func (dr *deviceRows) appendCSV(b []byte, ds []*analyze.Device) []byte {
	size := len(deviceCSVHead)
	for _, d := range ds {
		size += len(dr.csv[d.Index])
	}
	b = slices.Grow(b, size)
	b = append(b, deviceCSVHead...)
	for _, d := range ds {
		b = append(b, dr.csv[d.Index]...)
	}
	return b
}

// deviceCSVHead is the header row of every device table's download.
var deviceCSVHead = tableCSV(&Table{Columns: deviceColumns})

// SharedRowsFile is the data file that holds every device's row once;
// the data file of a large device table lists indices into it.
const SharedRowsFile = "data/device-rows.js"

// appendJS appends a large device table's data file to b: the indices of
// its devices in the shared rows.
func (dr *deviceRows) appendJS(b []byte, id string, ds []*analyze.Device) []byte {
	b = append(b, "renewalsRows("...)
	b = appendJSString(b, "table-"+id)
	b = append(b, `,{"devices":[`...)
	for i, d := range ds {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(d.Index), 10)
	}
	return append(b, "]});\n"...)
}

// appendShared appends the shared rows file to b: every device's row,
// links as site paths, which the page's script makes relative to the page.
func (dr *deviceRows) appendShared(b []byte) []byte {
	size := 64
	for _, cells := range dr.cells {
		for _, c := range cells {
			size += len(c.Text) + len(c.Sort) + len(c.Href) + 12 // quotes, brackets, commas
		}
	}
	b = slices.Grow(b, size)
	b = append(b, "renewalsDeviceRows(["...)
	for i, cells := range dr.cells {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		b = appendRow(b, cells)
	}
	return append(b, "]);\n"...)
}
