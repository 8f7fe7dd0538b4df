package site

import (
	"html/template"
	"slices"
	"unicode/utf8"
)

// LargeTable is the row count above which a table carries only its first
// page in the HTML and the rest in a data file that site.js pages,
// sorts and filters. A 100,000-device table stays a light page.
const LargeTable = 1000

// rowsHTML renders table rows. It escapes every value itself, which is far
// faster than running the template per cell on tables of many thousand
// rows; the result is marked safe for the template only because of that.
func rowsHTML(rows [][]Cell) template.HTML {
	return template.HTML(appendRowsHTML(nil, rows))
}

// appendRowsHTML appends the rows as rowsHTML renders them to b.
func appendRowsHTML(b []byte, rows [][]Cell) []byte {
	if len(rows) > 0 {
		b = slices.Grow(b, len(rows)*len(rows[0])*40) // about a cell's markup and text
	}
	for _, r := range rows {
		b = appendRow(b, r, "")
	}
	return b
}

// appendRow appends one table row, with root put before each link.
func appendRow(b []byte, r []Cell, root string) []byte {
	b = append(b, "<tr>"...)
	for _, c := range r {
		b = append(b, "<td"...)
		if c.Num {
			b = append(b, ` class="num"`...)
		}
		if c.Sort != "" {
			b = append(b, ` data-sort="`...)
			b = appendEscaped(b, c.Sort)
			b = append(b, '"')
		}
		b = append(b, '>')
		if c.Href != "" {
			b = append(b, `<a href="`...)
			b = appendEscaped(b, root)
			b = appendEscaped(b, c.Href)
			b = append(b, `">`...)
			b = appendEscaped(b, c.Text)
			b = append(b, "</a>"...)
		} else {
			b = appendEscaped(b, c.Text)
		}
		b = append(b, "</td>"...)
	}
	return append(b, "</tr>"...)
}

// appendEscaped appends s with the characters that matter in text and in
// quoted attributes escaped, and NUL, which no page holds, replaced.
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case 0:
			esc = "\uFFFD"
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// tableJS renders a table's rows as a script that hands them to site.js:
// renewalsRows("table-id", [[cell, ...], ...]). A cell is its text, or
// [text, sort, href] when it has a sort value or a link.
func tableJS(t *Table) []byte {
	b := make([]byte, 0, len(t.Rows)*len(t.Columns)*16+64)
	b = append(b, "renewalsRows("...)
	b = appendJSString(b, "table-"+t.ID)
	b = append(b, ",["...)
	for i, r := range t.Rows {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		b = appendDataRow(b, r)
	}
	return append(b, "]);\n"...)
}

// appendDataRow appends one row as a data-file array.
func appendDataRow(b []byte, r []Cell) []byte {
	b = append(b, '[')
	for j, c := range r {
		if j > 0 {
			b = append(b, ',')
		}
		b = appendCell(b, c)
	}
	return append(b, ']')
}

// appendCell appends a cell of a data file: its text, or [text, sort
// key, link] when it has either.
func appendCell(b []byte, c Cell) []byte {
	if c.Sort == "" && c.Href == "" {
		return appendJSString(b, c.Text)
	}
	b = append(b, '[')
	b = appendJSString(b, c.Text)
	b = append(b, ',')
	b = appendJSString(b, c.Sort)
	b = append(b, ',')
	b = appendJSString(b, c.Href)
	return append(b, ']')
}

// appendJSString appends s as a JSON string that is also safe anywhere in
// a script: <, >, & and the JavaScript line separators are escaped too.
func appendJSString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, hex[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
