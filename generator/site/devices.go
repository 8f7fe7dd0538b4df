package site

import (
	"bytes"
	"encoding/csv"
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

// deviceRows encodes each device's row once, for the six to eight tables
// a device appears in (all devices, its contract, site and product, risk
// groups, advice). Beside the serial and host name, which are the
// device's own, a row's cells repeat across devices: a million devices
// have a few thousand products, sites, contracts, dates and amounts. So
// the distinct cells are encoded once, each with its CSV field, and a row
// is the indices of its cells. The shared rows file is written the same
// way, and the browser loads each row once for any table. Each device's
// CSV record is kept whole, all in one slice in device order (100 MB at a
// million devices): a table's download is then one copy a row. Rows are
// found by the device's Index.
type deviceRows struct {
	devices []*analyze.Device
	cells   []Cell     // the distinct cells after the serial and host, in order of first use
	refs    [][8]int32 // each device's cells after the serial and host
	csvRows []byte     // every device's CSV record, in device order
	csvEnd  []int      // where each device's record ends in csvRows
	head    []byte     // the start of every download: BOM and header row
	done    sync.WaitGroup
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

// newDeviceRows starts encoding every device's row and returns at once;
// wait returns when the rows are ready. It needs the builder's page paths.
func newDeviceRows(b *builder) *deviceRows {
	dr := &deviceRows{}
	dr.head = deviceCSVHead(b.r.Currency)
	dr.done.Add(1)
	go func() {
		defer dr.done.Done()
		dr.encode(b, b.r.Devices)
	}()
	return dr
}

// wait returns once every row is encoded.
func (dr *deviceRows) wait() { dr.done.Wait() }

// cellKey tells the distinct cells apart by what they are made from, which
// is cheaper to look up than the cells. Cells of different kinds never
// share a key.
type cellKey struct {
	kind byte
	text string
	n    int64
}

// encode encodes the rows of ds, in order: a cell's index is the order of
// its first use, so that the files are the same on every build.
func (dr *deviceRows) encode(b *builder, ds []*analyze.Device) {
	index := map[cellKey]int32{}
	var fields []string // each cell as a CSV field, neutralised and quoted
	dr.devices = ds
	dr.refs = make([][8]int32, len(ds))
	dr.csvEnd = make([]int, len(ds))
	dr.csvRows = make([]byte, 0, len(ds)*128)
	cell := func(k cellKey, newCell func() Cell) int32 {
		if i, ok := index[k]; ok {
			return i
		}
		c := newCell()
		i := int32(len(dr.cells))
		index[k] = i
		dr.cells = append(dr.cells, c)
		fields = append(fields, string(appendCSVField(nil, Neutralize(csvText(c)))))
		return i
	}
	for i, d := range ds {
		until := d.ActiveEnd
		if !d.Covered {
			until = 0
		}
		st := status(d)
		r := &dr.refs[i]
		r[0] = cell(cellKey{kind: 'p', text: d.ProductID}, func() Cell { return Cell{Text: d.ProductID, Href: b.product[d.ProductID]} })
		r[1] = cell(cellKey{kind: 'l', text: d.Site}, func() Cell { return Cell{Text: siteName(d.Site), Href: b.site[siteName(d.Site)]} })
		r[2] = cell(cellKey{kind: 's', text: st}, func() Cell { return Cell{Text: st} })
		r[3] = cell(joinedKey('c', d.Contracts), func() Cell {
			c := Cell{Text: strings.Join(d.Contracts, ", ")}
			if len(d.Contracts) == 1 {
				c.Href = b.contract[d.Contracts[0]]
			}
			return c
		})
		r[4] = cell(joinedKey('v', d.ServiceLevels), func() Cell { return Cell{Text: strings.Join(d.ServiceLevels, ", ")} })
		r[5] = cell(cellKey{kind: 'd', n: int64(until)}, func() Cell { return dateCell(until) })
		r[6] = cell(cellKey{kind: 'd', n: int64(d.LDoS)}, func() Cell { return dateCell(d.LDoS) })
		r[7] = cell(cellKey{kind: 'm', n: int64(d.AnnualCost)}, func() Cell { return moneyCell(b, d.AnnualCost) })
		dr.csvRows = appendCSVField(dr.csvRows, Neutralize(d.Serial))
		dr.csvRows = append(dr.csvRows, ',')
		dr.csvRows = appendCSVField(dr.csvRows, Neutralize(d.HostName))
		for _, c := range r {
			dr.csvRows = append(dr.csvRows, ',')
			dr.csvRows = append(dr.csvRows, fields[c]...)
		}
		dr.csvRows = append(dr.csvRows, '\n')
		dr.csvEnd[i] = len(dr.csvRows)
	}
}

// joinedKey is the key of a cell that lists names: a single name is its
// own key, several are joined (n tells the two apart).
func joinedKey(kind byte, names []string) cellKey {
	if len(names) == 1 {
		return cellKey{kind: kind, text: names[0], n: 1}
	}
	return cellKey{kind: kind, text: strings.Join(names, "\x00")}
}

// csvOf returns the CSV record of device i.
func (dr *deviceRows) csvOf(i int) []byte {
	from := 0
	if i > 0 {
		from = dr.csvEnd[i-1]
	}
	return dr.csvRows[from:dr.csvEnd[i]]
}

// cellsOf returns device d's cells, in row, which it reuses.
func (dr *deviceRows) cellsOf(row []Cell, d *analyze.Device) []Cell {
	row = append(row[:0], Cell{Text: d.Serial}, Cell{Text: d.HostName})
	for _, i := range dr.refs[d.Index] {
		row = append(row, dr.cells[i])
	}
	return row
}

// appendRowsHTML appends the rows of up to limit devices for page p to b,
// straight from the encoded cells: their links are site paths, so the
// page's way back to the site root goes before each.
func (dr *deviceRows) appendRowsHTML(b []byte, p *Page, ds []*analyze.Device, limit int) []byte {
	n := min(len(ds), limit)
	if n == 0 {
		return b
	}
	root := p.Root()
	b = slices.Grow(b, n*len(deviceColumns)*48)
	row := make([]Cell, 0, len(deviceColumns))
	for _, d := range ds[:n] {
		row = dr.cellsOf(row, d)
		b = appendRow(b, row, root)
	}
	return b
}

// rows returns the cells of up to limit devices, with links relative to p.
func (dr *deviceRows) rows(p *Page, ds []*analyze.Device, limit int) [][]Cell {
	n := min(len(ds), limit)
	out := make([][]Cell, n)
	for i, d := range ds[:n] {
		src := dr.cellsOf(nil, d)
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
	// Sized from the mean record, with a margin: summing the table's own
	// records first would look each one up twice.
	size := len(dr.head)
	if n := len(dr.csvEnd); n > 0 {
		size += len(ds) * (len(dr.csvRows)/n + 8)
	}
	b = slices.Grow(b, min(size, dr.largestCSV()))
	b = append(b, dr.head...)
	for _, d := range ds {
		b = append(b, dr.csvOf(d.Index)...)
	}
	return b
}

// largestCSV is the size of the largest download of a device table, one
// that lists every device.
func (dr *deviceRows) largestCSV() int { return len(dr.head) + len(dr.csvRows) }

// largestFile bounds the size of the files built from the rows: the
// largest download and the shared rows file.
func (dr *deviceRows) largestFile() int { return max(dr.largestCSV(), sharedSize(len(dr.refs))) }

// sharedSize is what appendShared reserves for the shared rows file of n
// devices.
func sharedSize(n int) int { return 64 + n*64 }

// deviceCSVHead is the start of every device table's download: the byte
// order mark and the header row, the annual cost in currency.
func deviceCSVHead(currency string) []byte {
	var b bytes.Buffer
	b.WriteString(utf8BOM)
	w := csv.NewWriter(&b)
	_ = w.Write(csvHead(deviceColumns, map[int]bool{len(deviceColumns) - 1: true}, currency))
	w.Flush()
	return b.Bytes()
}

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

// appendShared appends the shared rows file to b:
//
//	renewalsDeviceRows([rows], [cells]);
//
// A row is a device's serial and host name, then the indices of its other
// cells in the cells list. Links are site paths, which the page's script
// makes relative to the page.
func (dr *deviceRows) appendShared(b []byte) []byte {
	b = slices.Grow(b, sharedSize(len(dr.refs)))
	b = append(b, "renewalsDeviceRows([\n"...)
	for i, r := range dr.refs {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		d := dr.devices[i]
		b = append(b, '[')
		b = appendJSString(b, d.Serial)
		b = append(b, ',')
		b = appendJSString(b, d.HostName)
		for _, c := range r {
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(c), 10)
		}
		b = append(b, ']')
	}
	b = append(b, "\n],[\n"...)
	for i, c := range dr.cells {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		b = appendCell(b, c)
	}
	return append(b, "\n]);\n"...)
}
