package ingest

import (
	"bytes"
	"encoding/csv"
	"io"
	"unsafe"
)

// records reads the records of a CSV file exactly as encoding/csv does
// with FieldsPerRecord -1 and ReuseRecord (strict quotes, \r\n read as \n,
// blank lines skipped, the same positions and the same errors), with one
// difference: a field that the file holds as it reads (not quoted, or
// quoted on one line without doubled quotes) is a string over the file's
// bytes rather than a copy of them.
//
// encoding/csv copies every record into a new string. At a million devices
// that is a second copy of each export, about a gigabyte, and an import
// that keeps most of what it allocates pays for every page of it. The
// file's bytes are kept for the whole build anyway (diagnostics quote
// them), so the fields cost nothing more. The bytes must not change while
// a field is in use: nothing writes to a file's bytes after it is read.
type records struct {
	data  []byte
	comma byte
	off   int // where the next line starts
	line  int // the lines read so far

	rec  []string   // the last record, reused
	pos  []position // where each of its fields starts
	buf  []byte     // a field that cannot alias the file
	part []byte     // the one piece of the field being read, while it has one
	n    int        // pieces of the field being read
}

type position struct{ line, col int }

// newRecords reads the CSV in body, whose delimiter is an ASCII character.
func newRecords(body []byte, comma rune) *records {
	return &records{data: body, comma: byte(comma)}
}

// The pieces a doubled quote and a line break add to a quoted field.
var (
	quote   = []byte{'"'}
	newline = []byte{'\n'}
)

// readLine returns the next line without its line break (\n, \r\n, or a
// \r before the end of the file), whether it had a \n, and io.EOF at the
// end. Like encoding/csv, a \r elsewhere is part of the line.
func (r *records) readLine() (text []byte, nl bool, err error) {
	if r.off >= len(r.data) {
		return nil, false, io.EOF
	}
	r.line++
	rest := r.data[r.off:]
	i := bytes.IndexByte(rest, '\n')
	if i < 0 {
		r.off = len(r.data)
		if n := len(rest); n > 0 && rest[n-1] == '\r' {
			rest = rest[:n-1]
		}
		return rest, false, nil
	}
	r.off += i + 1
	text = rest[:i]
	if n := len(text); n > 0 && text[n-1] == '\r' {
		text = text[:n-1]
	}
	return text, true, nil
}

// Read returns the next record, or io.EOF after the last one. The record
// is reused by the next call; its strings are not.
func (r *records) Read() ([]string, error) {
	var line []byte
	var nl bool
	for {
		var err error
		if line, nl, err = r.readLine(); err != nil {
			return nil, err
		}
		if len(line) > 0 {
			break // encoding/csv skips empty lines
		}
	}
	r.rec, r.pos = r.rec[:0], r.pos[:0]
	recLine := r.line
	pos := position{line: r.line, col: 1}
	fail := func(line, col int, err error) ([]string, error) {
		return r.rec, &csv.ParseError{StartLine: recLine, Line: line, Column: col, Err: err}
	}
	for {
		if len(line) == 0 || line[0] != '"' {
			i := bytes.IndexByte(line, r.comma)
			field := line
			if i >= 0 {
				field = field[:i]
			}
			if j := bytes.IndexByte(field, '"'); j >= 0 {
				return fail(r.line, pos.col+j, csv.ErrBareQuote)
			}
			r.rec = append(r.rec, alias(field))
			r.pos = append(r.pos, pos)
			if i < 0 {
				return r.rec, nil
			}
			line = line[i+1:]
			pos.col += i + 1
			continue
		}
		start := pos
		line = line[1:]
		pos.col++
		r.n, r.buf = 0, r.buf[:0]
		for {
			i := bytes.IndexByte(line, '"')
			if i >= 0 {
				r.add(line[:i])
				line = line[i+1:]
				pos.col += i + 1
				switch {
				case len(line) > 0 && line[0] == '"':
					r.add(quote)
					line = line[1:]
					pos.col++
					continue
				case len(line) > 0 && line[0] == r.comma:
					line = line[1:]
					pos.col++
					r.rec = append(r.rec, r.field())
					r.pos = append(r.pos, start)
				case len(line) == 0:
					r.rec = append(r.rec, r.field())
					r.pos = append(r.pos, start)
					return r.rec, nil
				default:
					return fail(r.line, pos.col-1, csv.ErrQuote)
				}
				break
			}
			if len(line) == 0 && !nl {
				// The end of the file inside quotes.
				return fail(pos.line, pos.col, csv.ErrQuote)
			}
			// The field goes on to the next line.
			r.add(line)
			pos.col += len(line)
			if nl {
				r.add(newline)
				pos.col++
			}
			line, nl, _ = r.readLine()
			if len(line) > 0 || nl {
				pos.line++
				pos.col = 1
			}
		}
	}
}

// add appends a piece to the quoted field being read.
func (r *records) add(p []byte) {
	if len(p) == 0 {
		return
	}
	switch r.n {
	case 0:
		r.part = p
	case 1:
		r.buf = append(append(r.buf, r.part...), p...)
	default:
		r.buf = append(r.buf, p...)
	}
	r.n++
}

// field returns the quoted field read: over the file's bytes when it is
// one piece of them, else a copy.
func (r *records) field() string {
	if r.n <= 1 {
		if r.n == 0 {
			return ""
		}
		return alias(r.part)
	}
	return string(r.buf)
}

// FieldPos returns the line and column (1-based, in bytes) where field i
// of the last record starts, as csv.Reader.FieldPos does; ok is false
// when the record has no field i.
func (r *records) FieldPos(i int) (line, col int, ok bool) {
	if i < 0 || i >= len(r.pos) {
		return 0, 0, false
	}
	return r.pos[i].line, r.pos[i].col, true
}

// alias returns b as a string without copying it.
func alias(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}
