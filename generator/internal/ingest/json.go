package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

// The Cisco APIs' responses, saved as files, are read where their data
// belongs (README: "Accepted input files"):
//
//   - EoX v5 ({"EOXRecord": [...]}) as a lifecycle file: each date is an
//     object {"value": "2011-12-31", "dateFormat": "YYYY-MM-DD"}, the
//     migration data sits in EOXMigrationDetails, and a product without an
//     announcement carries EOXError (SSA_ERR_026) and its ID in
//     EOXInputValue.
//   - Serial Number to Information v2 ({"serial_numbers": [...]}) as a
//     coverage file: sr_no, is_covered, covered_product_line_end_date,
//     service_contract_number, orderable_pid_list[0].orderable_pid, and no
//     start date.
//
// Each record becomes a row of a grid whose columns are named as the
// flattened CSV exports name them, so that the same vocabulary and cell
// readers apply, and whose cells keep the line and column of their value
// in the JSON text.

// isJSON reports whether text is JSON rather than delimited text.
func isJSON(text []byte) bool {
	t := bytes.TrimLeft(text, " \t\r\n")
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// jvalue is a JSON value with the offset where it starts.
type jvalue struct {
	off  int
	str  string // a string, or a number's text; "" for null
	obj  []jmember
	arr  []*jvalue
	kind byte // 's' string, 'n' number, 'b' boolean, 'z' null, 'o' object, 'a' array
}

type jmember struct {
	key string
	val *jvalue
}

func (v *jvalue) get(key string) *jvalue {
	if v == nil {
		return nil
	}
	for _, m := range v.obj {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// parseJSON reads text into a tree of values with their offsets.
func parseJSON(text []byte) (*jvalue, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	v, err := parseValue(dec, text)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &json.SyntaxError{Offset: dec.InputOffset()}
	}
	return v, nil
}

func parseValue(dec *json.Decoder, text []byte) (*jvalue, error) {
	off := int(dec.InputOffset())
	for off < len(text) && strings.IndexByte(" \t\r\n,:", text[off]) >= 0 {
		off++
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	v := &jvalue{off: off}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			v.kind = 'o'
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				child, err := parseValue(dec, text)
				if err != nil {
					return nil, err
				}
				v.obj = append(v.obj, jmember{key: kt.(string), val: child})
			}
		case '[':
			v.kind = 'a'
			for dec.More() {
				child, err := parseValue(dec, text)
				if err != nil {
					return nil, err
				}
				v.arr = append(v.arr, child)
			}
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
	case string:
		v.kind, v.str = 's', t
	case json.Number:
		v.kind, v.str = 'n', t.String()
	case bool:
		v.kind, v.str = 'b', fmt.Sprint(t)
	case nil:
		v.kind = 'z'
	}
	return v, nil
}

// grid is a file's records held in memory, as a JSON or Excel file gives
// them; row 0 is the header row.
type grid struct {
	rows [][]string
	pos  [][]position
	next int
}

func (g *grid) Read() ([]string, error) {
	if g.next >= len(g.rows) {
		return nil, io.EOF
	}
	g.next++
	return g.rows[g.next-1], nil
}

func (g *grid) FieldPos(i int) (line, col int, ok bool) {
	if g.next == 0 || i < 0 || i >= len(g.pos[g.next-1]) {
		return 0, 0, false
	}
	p := g.pos[g.next-1][i]
	return p.line, p.col, p.line > 0
}

// gridBuilder gathers rows of named cells into a grid, one column per name
// in the order the names first appear.
type gridBuilder struct {
	text    []byte
	lists   bool // a list of values is one cell, comma-separated
	columns map[string]int
	header  []string
	rows    []map[int]cell0
	at      []position
}

type cell0 struct {
	text string
	pos  position
}

func (b *gridBuilder) position(off int) position {
	p := posAt("", b.text, off)
	return position{line: p.Line, col: p.Col}
}

// add sets the cell name of the current row.
func (b *gridBuilder) add(name string, v *jvalue) {
	j, ok := b.columns[name]
	if !ok {
		j = len(b.header)
		b.columns[name] = j
		b.header = append(b.header, name)
	}
	if _, set := b.rows[len(b.rows)-1][j]; !set {
		b.rows[len(b.rows)-1][j] = cell0{text: v.str, pos: b.position(v.off)}
	}
}

func (b *gridBuilder) row(off int) {
	b.rows = append(b.rows, map[int]cell0{})
	b.at = append(b.at, b.position(off))
}

func (b *gridBuilder) grid(headerAt position) *grid {
	g := &grid{rows: [][]string{b.header}, pos: [][]position{make([]position, len(b.header))}}
	for j := range b.header {
		g.pos[0][j] = headerAt
	}
	for i, r := range b.rows {
		row := make([]string, len(b.header))
		pos := make([]position, len(b.header))
		for j := range row {
			pos[j] = b.at[i]
			if c, ok := r[j]; ok {
				row[j], pos[j] = c.text, c.pos
			}
		}
		g.rows = append(g.rows, row)
		g.pos = append(g.pos, pos)
	}
	return g
}

// flatten adds the members of record to the current row as the flattened
// exports name them: a date object's value under its own name, the
// members of a nested object under theirs, and of a list the first
// entry's.
func (b *gridBuilder) flatten(record *jvalue) {
	for _, m := range record.obj {
		switch v := m.val; v.kind {
		case 's', 'n', 'b':
			b.add(m.key, v)
		case 'o':
			if val := v.get("value"); val != nil && val.kind != 'o' && val.kind != 'a' {
				b.add(m.key, val)
				continue
			}
			b.flatten(v)
		case 'a':
			switch {
			case len(v.arr) > 0 && v.arr[0].kind == 'o':
				b.flatten(v.arr[0])
			case b.lists:
				// A list of values (an advisory's serials or product
				// IDs), as a spreadsheet writes one: comma-separated.
				var parts []string
				for _, x := range v.arr {
					if x.kind == 's' || x.kind == 'n' {
						parts = append(parts, x.str)
					}
				}
				b.add(m.key, &jvalue{off: v.off, kind: 's', str: strings.Join(parts, ", ")})
			}
		}
	}
}

// jsonShapes names the JSON files renewals reads, for messages.
const jsonShapes = `the EoX API's response ({"EOXRecord": [...]}) as a lifecycle file, and the Serial Number to Information API's ({"serial_numbers": [...]}) as a coverage file`

// jsonGrid reads a JSON file of kind into a grid. It reports an error
// that says what the file is when it holds no records of that kind.
func jsonGrid(name string, text []byte, kind Kind, diags *diag.List) *grid {
	root, err := parseJSON(text)
	if err != nil {
		var se *json.SyntaxError
		pos := diag.Pos{File: name, Line: 1, Col: 1}
		if errors.As(err, &se) && int(se.Offset) <= len(text) {
			pos = posAt(name, text, max(0, int(se.Offset)-1))
		}
		diags.Errorf(pos, "this file is JSON but cannot be read: %v", err)
		return nil
	}
	eox, sn := root.get("EOXRecord"), root.get("serial_numbers")
	var records *jvalue
	lists := false
	switch {
	case kind == KindInventory || kind == KindAlerts:
		records, lists = listOf(root, "response", "results", "advisories", "data", "items"), true
		if records == nil {
			diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "this file is JSON, but holds no list of records: a %s is read from a list, or from a response, results, advisories or items member that holds one", vocabularyFor(kind).what)
			return nil
		}
	case kind == KindLifecycle && eox != nil:
		records = eox
	case kind == KindCoverage && sn != nil:
		records = sn
	case eox != nil:
		diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "this is an EoX API response (EOXRecord): list it under lifecycle in report.toml, not as a %s", vocabularyFor(kind).what)
		return nil
	case sn != nil:
		diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "this is a Serial Number to Information API response (serial_numbers): list it as coverage in a [[snapshot]], not as a %s", vocabularyFor(kind).what)
		return nil
	default:
		diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "this file is JSON, but not a shape renewals reads (it reads %s)", jsonShapes)
		return nil
	}
	b := gridBuilder{text: text, columns: map[string]int{}, lists: lists}
	if records.kind != 'a' {
		diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "the records of this JSON file are not a list")
		return nil
	}
	for _, r := range records.arr {
		if r.kind != 'o' {
			continue
		}
		b.row(r.off)
		b.flatten(r)
	}
	return b.grid(b.position(records.off))
}

// listOf is root when it is a list, else its first member of the names
// given that is one; nil when none is.
func listOf(root *jvalue, names ...string) *jvalue {
	if root.kind == 'a' {
		return root
	}
	for _, n := range names {
		if v := root.get(n); v != nil && v.kind == 'a' {
			return v
		}
	}
	return nil
}

// openGrid prepares to read the rows of a grid whose row 0 is the header.
func openGrid(name string, g *grid, kind Kind, opt Options, diags *diag.List) *table {
	v := vocabularyFor(kind)
	t := &table{name: name, vocab: v, opt: opt, diags: diags, r: g}
	t.stat = contract.FileStat{Path: name, Kind: string(kind)}
	keys, _ := v.match(g.rows[0])
	line, _, _ := g.FieldPos(0)
	if len(g.pos) > 0 && len(g.pos[0]) > 0 {
		line = g.pos[0][0].line
	}
	if m := v.missing(keys); len(m) > 0 {
		diags.Errorf(diag.Pos{File: name, Line: max(line, 1), Col: 1}, "the records of this %s lack required fields: %s", v.what, strings.Join(m, "; "))
		return nil
	}
	t.setHeader(g.rows[0], keys, max(line, 1))
	return t
}
