package ingest

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/renewals/renewals/generator/diag"
)

// text turns the bytes of an export into the UTF-8 text the readers take,
// the way spreadsheet programs save it: a UTF-8 byte order mark is
// dropped; UTF-16 with a byte order mark (Excel's "Unicode Text") is
// decoded; lines ended by a carriage return alone (Excel's "CSV
// (Macintosh)") are read as lines; bytes that are not UTF-8 are replaced
// with U+FFFD, with one warning that counts them, so that the site is
// always valid UTF-8. A NUL byte, or UTF-16 without its mark, is an error:
// such a file is not text that can be read safely. The result shares data
// when nothing changed.
func text(name string, data []byte, diags *diag.List) ([]byte, bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		data = fromUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		data = fromUTF16(data[2:], true)
	case looksUTF16(data):
		diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "this file is UTF-16 text without a byte order mark, which cannot be read reliably: save it as CSV UTF-8 (comma delimited), or as Unicode Text with its mark")
		return nil, false
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		diags.Errorf(posAt(name, data, i), "the file holds a NUL byte here (%d in all): it is not a text export (accepted: comma-, semicolon- or tab-separated text in UTF-8 or UTF-16)", bytes.Count(data, []byte{0}))
		return nil, false
	}
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte{'\r'}, []byte{'\n'})
	}
	if !utf8.Valid(data) {
		n, first := 0, -1
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				if first < 0 {
					first = i
				}
				n++
			}
			i += size
		}
		fixed := bytes.ToValidUTF8(data, []byte("\uFFFD"))
		diags.Warnf(posAt(name, data, first), "not-utf8", "%d bytes that are not UTF-8 read as \uFFFD: the file may be in another encoding (such as Windows-1252); save it as CSV UTF-8 to keep those characters", n)
		data = fixed
	}
	return data, true
}

// fromUTF16 decodes UTF-16 text to UTF-8; an odd last byte is dropped.
func fromUTF16(b []byte, bigEndian bool) []byte {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	out := make([]byte, 0, len(b))
	for _, r := range utf16.Decode(u) {
		out = utf8.AppendRune(out, r)
	}
	return out
}

// looksUTF16 reports whether data is UTF-16 text without a byte order
// mark: a NUL in every other byte, as ASCII text has in UTF-16.
func looksUTF16(data []byte) bool {
	head := data[:min(len(data), 512)]
	if len(head) < 4 {
		return false
	}
	var zeros [2]int
	for i, c := range head {
		if c == 0 {
			zeros[i%2]++
		}
	}
	half := len(head) / 2
	return zeros[0] > half*3/4 || zeros[1] > half*3/4
}

// posAt is the position of byte i of data.
func posAt(name string, data []byte, i int) diag.Pos {
	line := 1 + bytes.Count(data[:i], []byte{'\n'})
	return diag.Pos{File: name, Line: line, Col: i - bytes.LastIndexByte(data[:i], '\n')}
}
