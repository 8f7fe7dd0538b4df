package ingest

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/renewals/renewals/generator/diag"
)

const encodingCSV = "Serial Number,Product ID,Product Description,Contract Number,Start Date,End Date\n" +
	"FOC1,C9300-48P-A,Caf\u00e9 switch,93824710,2026-01-01,2026-12-31\n" +
	"FOC2,C9300-48P-A,Core,93824710,2026-01-01,2026-12-31\n"

func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// TestSpreadsheetEncodings reads the forms Excel saves text in as the
// same two lines.
func TestSpreadsheetEncodings(t *testing.T) {
	t.Parallel()
	for name, data := range map[string][]byte{
		"utf-8":              []byte(encodingCSV),
		"utf-8 with BOM":     append([]byte("\xEF\xBB\xBF"), encodingCSV...),
		"CRLF":               []byte(strings.ReplaceAll(encodingCSV, "\n", "\r\n")),
		"CR only (Mac)":      []byte(strings.ReplaceAll(encodingCSV, "\n", "\r")),
		"UTF-16 LE with BOM": utf16Bytes(strings.ReplaceAll(encodingCSV, ",", "\t"), false),
		"UTF-16 BE with BOM": utf16Bytes(encodingCSV, true),
	} {
		var l diag.List
		f := Coverage("x.csv", data, mdy, &l)
		if l.HasErrors(true) || len(f.Lines) != 2 || f.Lines[0].Description != "Caf\u00e9 switch" || f.Lines[1].Serial != "FOC2" {
			t.Errorf("%s: %d lines %+v\n%s", name, len(f.Lines), f.Lines, report(&l))
		}
	}
}

func TestBytesThatAreNotText(t *testing.T) {
	t.Parallel()
	// Invalid UTF-8 is replaced and counted; the contract it spoils shows.
	bad := strings.Replace(encodingCSV, "93824710,2026-01-01,2026-12-31\nFOC2", "9382\xff4710,2026-01-01,2026-12-31\nFOC2", 1)
	bad = strings.Replace(bad, "Core", "C\xe9ur \xff", 1)
	var l diag.List
	f := Coverage("x.csv", []byte(bad), mdy, &l)
	got := report(&l)
	if !strings.HasPrefix(got, "x.csv:2:35: warning: 3 bytes that are not UTF-8 read as \uFFFD") || l.HasErrors(false) {
		t.Errorf("diagnostics:\n%s", got)
	}
	if len(f.Lines) != 2 || f.Lines[0].Contract != "9382\uFFFD4710" || f.Lines[1].Description != "C\uFFFDur \uFFFD" {
		t.Errorf("lines %+v", f.Lines)
	}
	for _, l := range f.Lines {
		for _, s := range []string{l.Serial, l.Contract, l.Description, l.ProductID} {
			if !utf8.ValidString(s) {
				t.Errorf("%q is not UTF-8", s)
			}
		}
	}

	for name, tt := range map[string]struct {
		data []byte
		want string
	}{
		"a NUL in the header": {[]byte(strings.Replace(encodingCSV, "Serial Number", "Serial\x00Number", 1)),
			"x.csv:1:7: the file holds a NUL byte here (1 in all): it is not a text export"},
		"UTF-16 without its mark": {utf16Bytes(encodingCSV, false)[2:],
			"x.csv:1:1: this file is UTF-16 text without a byte order mark"},
	} {
		var l diag.List
		if f := Coverage("x.csv", tt.data, mdy, &l); len(f.Lines) != 0 || !strings.HasPrefix(report(&l), tt.want) {
			t.Errorf("%s: %d lines\n%s", name, len(f.Lines), report(&l))
		}
	}
}
