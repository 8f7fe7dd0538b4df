package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The rows of a workbook's sheet are read here from the sheet's XML with a
// scanner of our own rather than with excelize's row reader: that reader
// decodes every cell through encoding/xml's token decoder, which made a
// 100,000-row sheet import about 70 times slower than the same rows as CSV
// (docs/benchmarks.md). The scanner knows the few elements a sheet's rows
// are made of (row, c, v, is, t, rPh) and nothing else; excelize is still
// what reads a cell's shown text for a diagnostic.

// xlsxBook is an .xlsx opened to read its sheets' rows.
type xlsxBook struct {
	zr       *zip.Reader
	names    []string          // the sheets, in the workbook's order
	parts    map[string]string // sheet name → the part holding its XML
	date1904 bool
	sst      []string // the shared strings
}

// openXLSX reads the workbook part, its relationships and the shared
// strings of an .xlsx.
func openXLSX(data []byte) (*xlsxBook, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	b := &xlsxBook{zr: zr, parts: map[string]string{}}
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := b.decode("xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	b.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := b.decode("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	target := map[string]string{}
	sstPart := ""
	for _, r := range rels.Rels {
		p := r.Target
		if strings.HasPrefix(p, "/") {
			p = strings.TrimPrefix(p, "/")
		} else {
			p = path.Join("xl", p)
		}
		target[r.ID] = p
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			sstPart = p
		}
	}
	for _, s := range wb.Sheets {
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && target[a.Value] != "" {
				b.names = append(b.names, s.Name)
				b.parts[s.Name] = target[a.Value]
			}
		}
	}
	if sstPart != "" {
		if err := b.readSST(sstPart); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// workbookRows guesses how many rows the largest sheet of a workbook
// holds, to size slices once: from the sheet's <dimension ref="A1:Y1200">
// where the writer gave it, else from its size and the size of its
// first rows.
func workbookRows(data []byte) int {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0
	}
	most := 0
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		size := int(min(f.UncompressedSize64, 1<<40))
		n := size / 600 // rows of 20 cells or so
		if r, err := f.Open(); err == nil {
			head := make([]byte, 64<<10)
			k, _ := io.ReadFull(r, head)
			r.Close()
			head = head[:k]
			// Else as many rows as the first ones, by their end tags.
			if ends := bytes.Count(head, []byte("row>")); ends > 1 && k > 0 {
				n = size/k*ends + ends
			}
			if i := bytes.Index(head, []byte("dimension ref=")); i >= 0 && i+15 < len(head) {
				ref := head[i+15:]
				if j := bytes.IndexByte(ref, head[i+14]); j >= 0 {
					ref = ref[:j]
					if c := bytes.IndexByte(ref, ':'); c >= 0 {
						last := bytes.TrimLeft(ref[c+1:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ$")
						if rows, ok := index(last); ok {
							n = rows
						}
					}
				}
			}
		}
		most = max(most, n)
	}
	return most + 1
}

// open opens a part of the archive.
func (b *xlsxBook) open(name string) (io.ReadCloser, error) {
	for _, f := range b.zr.File {
		if strings.EqualFold(f.Name, name) {
			return f.Open()
		}
	}
	return nil, fmt.Errorf("the workbook has no part %s", name)
}

func (b *xlsxBook) decode(name string, v any) error {
	r, err := b.open(name)
	if err != nil {
		return err
	}
	defer r.Close()
	if err := xml.NewDecoder(r).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// readSST reads the shared strings: each <si> is its <t> texts joined,
// without the phonetic runs (<rPh>).
func (b *xlsxBook) readSST(part string) error {
	r, err := b.open(part)
	if err != nil {
		return err
	}
	defer r.Close()
	s := newXMLScanner(r)
	var text []byte
	inSI, inT, phonetic := false, false, 0
	for {
		tok, err := s.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", part, err)
		}
		switch {
		case tok.kind == tokStart && tok.name == "si":
			inSI, text = true, text[:0]
			if tok.empty {
				b.sst = append(b.sst, "")
				inSI = false
			}
		case tok.kind == tokEnd && tok.name == "si":
			b.sst = append(b.sst, decodeXLSXString(text))
			inSI = false
		case tok.kind == tokStart && tok.name == "rPh":
			if !tok.empty {
				phonetic++
			}
		case tok.kind == tokEnd && tok.name == "rPh":
			phonetic--
		case tok.kind == tokStart && tok.name == "t":
			inT = !tok.empty
		case tok.kind == tokEnd && tok.name == "t":
			inT = false
		case tok.kind == tokText && inSI && inT && phonetic == 0:
			text = appendXMLText(text, tok.text)
		}
	}
}

// rows opens a sheet to read its rows.
func (b *xlsxBook) rows(sheet string) (*sheetRows, error) {
	part, ok := b.parts[sheet]
	if !ok {
		return nil, fmt.Errorf("the workbook has no sheet %q", sheet)
	}
	r, err := b.open(part)
	if err != nil {
		return nil, err
	}
	ahead := newReadAhead(r)
	return &sheetRows{rc: ahead, s: newXMLScanner(ahead), sst: b.sst}, nil
}

// sheetRows reads a sheet's rows as a source: each row as its cells' raw
// values (a shared string's text, a number's digits as stored), blank rows
// passed over as a CSV's blank lines are.
type sheetRows struct {
	rc  io.Closer
	s   *xmlScanner
	sst []string
	row int // the number of the row last read
	rec []string
	val []byte
	// The row being read: its cells' values, written one after the other
	// into line, so that a row costs one string rather than one per cell.
	line  []byte
	cells []cellAt
}

// cellAt places a cell's value: line[from:to], or a shared string.
type cellAt struct {
	col, from, to int
	shared        int // an index into sst, or -1
}

func (x *sheetRows) Close() error { return x.rc.Close() }

func (x *sheetRows) FieldPos(i int) (line, col int, ok bool) {
	return x.row, i + 1, i >= 0 && (i < len(x.rec) || i == 0)
}

func (x *sheetRows) Read() ([]string, error) {
	var (
		col   int // the column of the cell last read, from 1
		inRow bool
	)
	for {
		tok, err := x.s.next()
		if err == io.EOF {
			if inRow {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, io.EOF
		}
		if err != nil {
			return nil, err
		}
		switch {
		case tok.kind == tokStart && tok.name == "row":
			x.row++
			if r := tok.r; r != nil {
				n, ok := index(r)
				if !ok || n < 1 {
					return nil, fmt.Errorf("row %q is not a row number", r)
				}
				x.row = n
			}
			col, inRow = 0, !tok.empty
			x.line, x.cells = x.line[:0], x.cells[:0]
		case tok.kind == tokEnd && tok.name == "row":
			inRow = false
			if rec := x.record(); rec != nil {
				x.rec = rec
				return rec, nil
			}
		case tok.kind == tokStart && tok.name == "c":
			col++
			if r := tok.r; r != nil {
				n, ok := cellColumn(r)
				if !ok {
					return nil, fmt.Errorf("row %d: cell %q is not a cell reference", x.row, r)
				}
				col = n
			}
			if tok.empty {
				continue
			}
			typ := cellType(tok.t)
			if x.val, err = x.s.cellBody(x.val[:0], tok.prefix, typ == "inlineStr"); err != nil {
				return nil, fmt.Errorf("row %d: %w", x.row, err)
			}
			x.addCell(col, typ)
		}
	}
}

// cellType interns a cell's t attribute.
func cellType(t []byte) string {
	switch string(t) {
	case "s":
		return "s"
	case "inlineStr":
		return "inlineStr"
	case "str":
		return "str"
	}
	return ""
}

// addCell adds the value of the cell just read (its text in x.val) to
// the row.
func (x *sheetRows) addCell(col int, typ string) {
	c := cellAt{col: col, from: len(x.line), shared: -1}
	switch typ {
	case "s":
		i, ok := index(bytes.TrimSpace(x.val))
		if !ok || i >= len(x.sst) || x.sst[i] == "" {
			return
		}
		c.shared = i
	case "inlineStr", "str":
		x.line = appendXLSXString(x.line, x.val)
	default:
		if bytes.IndexByte(x.val, 'E') >= 0 || bytes.IndexByte(x.val, 'e') >= 0 {
			x.line = append(x.line, plainNumber(string(x.val))...)
		} else {
			x.line = append(x.line, x.val...)
		}
	}
	c.to = len(x.line)
	if c.shared < 0 && c.to == c.from {
		return
	}
	x.cells = append(x.cells, c)
}

// record makes the row read into a record; nil for a blank row.
func (x *sheetRows) record() []string {
	if len(x.cells) == 0 {
		return nil
	}
	width := 0
	for _, c := range x.cells {
		width = max(width, c.col)
	}
	rec := x.rec[:0] // the caller is done with the last row, as with a CSV reader's ReuseRecord
	if cap(rec) < width {
		rec = make([]string, width)
	}
	rec = rec[:width]
	clear(rec)
	line := string(x.line)
	for _, c := range x.cells {
		if c.shared >= 0 {
			rec[c.col-1] = x.sst[c.shared]
		} else {
			rec[c.col-1] = line[c.from:c.to]
		}
	}
	return rec
}

// cellColumn reads the column of a cell reference (D14 → 4).
func cellColumn(ref []byte) (int, bool) {
	n, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		n = n*26 + int(c-'a'+1)
		if n > 16384 { // XFD, the last column Excel has
			return 0, false
		}
	}
	return n, i > 0 && n > 0
}

// decodeXLSXString reads the _xHHHH_ escapes OOXML writes for characters
// XML cannot hold.
func decodeXLSXString(b []byte) string {
	if !bytes.Contains(b, []byte("_x")) {
		return string(b)
	}
	return string(appendXLSXString(nil, b))
}

// appendXLSXString appends b with its _xHHHH_ escapes read.
func appendXLSXString(dst, b []byte) []byte {
	if !bytes.Contains(b, []byte("_x")) {
		return append(dst, b...)
	}
	for i := 0; i < len(b); i++ {
		if b[i] == '_' && i+6 < len(b) && b[i+1] == 'x' && b[i+6] == '_' {
			if r, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 16); err == nil {
				dst = utf8.AppendRune(dst, rune(r))
				i += 6
				continue
			}
		}
		dst = append(dst, b[i])
	}
	return dst
}

// index reads a non-negative decimal number: a shared string's index, a
// row number.
func index(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' || n > 1<<40 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(b) > 0
}
