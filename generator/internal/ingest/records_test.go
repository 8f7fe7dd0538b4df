package ingest

import (
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// read is what a reader made of a file: records, field positions, error.
type read struct {
	recs [][]string
	pos  [][2]int
	err  error
}

// recordReader is what our reader and encoding/csv's have in common here.
type recordReader interface {
	Read() ([]string, error)
}

// readRecords reads every record with r, and where each field starts, up to
// the first error.
func readRecords(r recordReader, pos func(i int) (line, col int)) read {
	var out read
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			out.err = err
			return out
		}
		out.recs = append(out.recs, append([]string(nil), rec...))
		for i := range rec {
			l, c := pos(i)
			out.pos = append(out.pos, [2]int{l, c})
		}
	}
}

func readOurs(data string, comma rune) read {
	r := newRecords([]byte(data), comma)
	return readRecords(r, func(i int) (int, int) {
		l, c, ok := r.FieldPos(i)
		if !ok {
			panic("no position")
		}
		return l, c
	})
}

func readStd(data string, comma rune) read {
	r := csv.NewReader(strings.NewReader(data))
	r.Comma = comma
	r.FieldsPerRecord = -1
	return readRecords(r, r.FieldPos)
}

func sameRead(t *testing.T, data string, comma rune) {
	t.Helper()
	got, want := readOurs(data, comma), readStd(data, comma)
	var ge, we *csv.ParseError
	if errors.As(got.err, &ge) != errors.As(want.err, &we) || (ge != nil && *ge != *we) || (ge == nil && (got.err == nil) != (want.err == nil)) {
		t.Fatalf("%q: error %v, encoding/csv %v", data, got.err, want.err)
	}
	if !reflect.DeepEqual(got.recs, want.recs) {
		t.Fatalf("%q: records %q, encoding/csv %q", data, got.recs, want.recs)
	}
	if !reflect.DeepEqual(got.pos, want.pos) {
		t.Fatalf("%q: positions %v, encoding/csv %v", data, got.pos, want.pos)
	}
}

var recordCases = []string{
	"", "\n", "\r\n", "\r", "a", "a\r", "a\r\n", "a,b\nc,d\n", "a,b\r\n\r\nc,d", ",\n,,\n",
	"a\rb,c\n", "a,b\r\r\n", "\"a\",b\n", "\"a,b\",c", "\"a\"\"b\",c\n", "\"\"\"\"\n", "\"\"",
	"\"a\nb\",c\nd\n", "\"a\r\nb\"\r\n", "\"a\n\nb\"", "\"\n\"", "\"abc", "\"abc\n", "\"abc\r", "\"a\"b,c",
	"a\"b,c", "x,\"a\nb\"c", "a,b\n\"c", "\n\na\n\n", "\"a\"\r", "\"a\"\rb", "x,\"\n\r\n\"", "é,\"ü\",ß\n",
	"\xff,\"\xfe\"\n", "a,\"b\nc\"\nd,e\"f\n",
}

func TestRecordsReadAsEncodingCSV(t *testing.T) {
	t.Parallel()
	for _, c := range recordCases {
		for _, comma := range []rune{',', ';', '\t'} {
			sameRead(t, strings.ReplaceAll(c, ",", string(comma)), comma)
		}
	}
}

func TestRecordsAliasTheFile(t *testing.T) {
	t.Parallel()
	data := []byte("serial,\"site, hall\",\"say \"\"hi\"\"\"\nFOC1,\"a\nb\",x\n")
	r := newRecords(data, ',')
	rec, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	want := []bool{true, true, false} // a doubled quote needs a copy
	for i, w := range want {
		if got := within(rec[i], data); got != w {
			t.Errorf("field %d %q over the file's bytes: %v, want %v", i, rec[i], got, w)
		}
	}
	rec, err = r.Read()
	if err != nil {
		t.Fatal(err)
	}
	if within(rec[1], data) || rec[1] != "a\nb" {
		t.Errorf("a field over two lines is %q, aliased %v; want a copy of \"a\\nb\"", rec[1], within(rec[1], data))
	}
}

func FuzzRecords(f *testing.F) {
	for _, c := range recordCases {
		f.Add(c, uint8(0))
	}
	f.Fuzz(func(t *testing.T, data string, d uint8) {
		sameRead(t, data, []rune{',', ';', '\t'}[d%3])
	})
}

// within reports whether s lies in the bytes of data.
func within(s string, data []byte) bool {
	if s == "" {
		return false
	}
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.SliceData(data)))
	return p >= lo && p < lo+uintptr(len(data))
}
