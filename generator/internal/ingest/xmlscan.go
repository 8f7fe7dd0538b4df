// The scanner of a sheet's XML: tags and the text between them, from a
// stream, with no allocation per token (see sheetxml.go for why).

package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A sheet is mostly <c> tags, so a start tag is read in one pass that
// also picks out the only attributes the reader uses: r (the row or cell
// reference) and t (the cell type).

// appendXMLText appends character data with its entity and character
// references resolved.
func appendXMLText(dst, text []byte) []byte {
	for {
		i := bytes.IndexByte(text, '&')
		if i < 0 {
			return append(dst, text...)
		}
		dst = append(dst, text[:i]...)
		text = text[i:]
		j := bytes.IndexByte(text, ';')
		if j < 0 {
			return append(dst, text...)
		}
		ref := string(text[1:j])
		switch ref {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			var r uint64
			var err error = errors.New("unknown")
			if strings.HasPrefix(ref, "#x") {
				r, err = strconv.ParseUint(ref[2:], 16, 32)
			} else if strings.HasPrefix(ref, "#") {
				r, err = strconv.ParseUint(ref[1:], 10, 32)
			}
			if err != nil {
				dst = append(dst, text[:j+1]...)
			} else {
				dst = append(dst, string(rune(r))...)
			}
		}
		text = text[j+1:]
	}
}

type tokKind int

const (
	tokText tokKind = iota
	tokStart
	tokEnd
)

type xmlToken struct {
	kind   tokKind
	name   string // the local name, without a prefix
	prefix []byte // the namespace prefix of the name, with its colon
	empty  bool   // a start tag that closes itself
	r, t   []byte // a start tag's r and t attributes, nil when absent
	text   []byte // tokText: the character data
}

func xmlSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

type xmlScanner struct {
	r   io.Reader
	buf []byte
	pos int // the first byte not yet read
	end int // the end of the bytes in buf
	eof bool
	tok xmlToken
}

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, 256<<10)}
}

// fill reads more of the stream, keeping buf[pos:end].
func (s *xmlScanner) fill() error {
	if s.eof {
		return io.EOF
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	n, err := s.r.Read(s.buf[s.end:])
	s.end += n
	if err == io.EOF {
		s.eof = true
		if n > 0 {
			return nil
		}
	}
	return err
}

// more reads more of the stream after data ran out mid-token; false at
// the end of the stream.
func (s *xmlScanner) more() (bool, error) {
	if s.eof {
		return false, nil
	}
	if err := s.fill(); err != nil && err != io.EOF {
		return false, err
	}
	return true, nil
}

// next returns the next tag or text. The token and its slices hold until
// the next call.
func (s *xmlScanner) next() (*xmlToken, error) {
	t := &s.tok
	for {
		data := s.buf[s.pos:s.end]
		if len(data) == 0 {
			if err := s.fill(); err != nil {
				return nil, err
			}
			continue
		}
		if data[0] != '<' {
			i := bytes.IndexByte(data, '<')
			if i < 0 {
				if ok, err := s.more(); ok || err != nil {
					if err != nil {
						return nil, err
					}
					continue
				}
				i = len(data)
			}
			s.pos += i
			*t = xmlToken{kind: tokText, text: data[:i]}
			return t, nil
		}
		n, err := s.tag(data, t)
		if err != nil {
			return nil, err
		}
		if n < 0 {
			if ok, err := s.more(); !ok {
				if err == nil {
					err = io.ErrUnexpectedEOF
				}
				return nil, err
			}
			continue
		}
		s.pos += n
		if t.kind == tokStart && t.name == "" {
			continue // a declaration, comment or processing instruction
		}
		return t, nil
	}
}

// tag reads the tag at data[0] into t and returns its length, or -1 when
// data ends before it does.
func (s *xmlScanner) tag(data []byte, t *xmlToken) (int, error) {
	*t = xmlToken{kind: tokStart}
	switch {
	case len(data) < 2:
		return -1, nil
	case data[1] == '/':
		i := bytes.IndexByte(data, '>')
		if i < 0 {
			return -1, nil
		}
		t.kind = tokEnd
		t.name, t.prefix = qualifiedName(bytes.TrimSpace(data[2:i]))
		return i + 1, nil
	case data[1] == '!' || data[1] == '?':
		end := tagEnd(data)
		if end < 0 {
			return -1, nil
		}
		if bytes.HasPrefix(data, []byte("<![CDATA[")) {
			t.kind, t.text = tokText, data[9:end-2]
		}
		return end + 1, nil
	}
	i := 1
	for i < len(data) && !xmlSpace(data[i]) && data[i] != '>' && data[i] != '/' {
		i++
	}
	t.name, t.prefix = qualifiedName(data[1:i])
	for {
		for i < len(data) && xmlSpace(data[i]) {
			i++
		}
		if i >= len(data) {
			return -1, nil
		}
		switch data[i] {
		case '>':
			return i + 1, nil
		case '/':
			if i+1 >= len(data) {
				return -1, nil
			}
			if data[i+1] != '>' {
				return 0, fmt.Errorf("a tag <%s> is not closed", t.name)
			}
			t.empty = true
			return i + 2, nil
		}
		k := i
		for i < len(data) && data[i] != '=' && !xmlSpace(data[i]) && data[i] != '>' {
			i++
		}
		key := data[k:i]
		for i < len(data) && (xmlSpace(data[i]) || data[i] == '=') {
			i++
		}
		if i >= len(data) {
			return -1, nil
		}
		q := data[i]
		if q != '"' && q != '\'' {
			return 0, fmt.Errorf("attribute %s of <%s> has no quoted value", key, t.name)
		}
		i++
		v := i
		for i < len(data) && data[i] != q {
			i++
		}
		if i >= len(data) {
			return -1, nil
		}
		switch string(key) {
		case "r":
			t.r = data[v:i]
		case "t":
			t.t = data[v:i]
		}
		i++
	}
}

// cellBody reads the content of the <c> element just opened, up to and
// past its end tag, into dst as text: the <v>, or the <t> texts of an
// inline string without its phonetic runs. The two shapes nearly every
// cell has are read at once; anything else goes through the tokens.
func (s *xmlScanner) cellBody(dst []byte, prefix []byte, inline bool) ([]byte, error) {
	data := s.buf[s.pos:s.end]
	open, close := "<v>", "</v></c>"
	if inline {
		open, close = "<is><t>", "</t></is></c>"
	}
	if len(prefix) == 0 && len(data) > len(open) && string(data[:len(open)]) == open {
		body := data[len(open):]
		if i := bytes.IndexByte(body, '<'); i >= 0 && len(body)-i >= len(close) && string(body[i:i+len(close)]) == close {
			s.pos += len(open) + i + len(close)
			return appendXMLText(dst, body[:i]), nil
		}
	}
	inner, err := s.until(prefix, "c")
	if err != nil {
		return dst, err
	}
	in := xmlScanner{buf: inner, end: len(inner), eof: true}
	on, phonetic := false, 0
	for {
		tok, err := in.next()
		if err == io.EOF {
			return dst, nil
		}
		if err != nil {
			return dst, err
		}
		switch {
		case tok.kind == tokText:
			if on && phonetic == 0 {
				dst = appendXMLText(dst, tok.text)
			}
		case tok.name == "rPh" && !tok.empty:
			if tok.kind == tokStart {
				phonetic++
			} else {
				phonetic--
			}
		case tok.name == "v" && !inline || tok.name == "t" && inline:
			on = tok.kind == tokStart && !tok.empty
		}
	}
}

// until returns what comes before the end tag </prefix+name> and reads
// past that tag. Its slice holds until the next call.
func (s *xmlScanner) until(prefix []byte, name string) ([]byte, error) {
	var buf [32]byte
	end := append(append(append(buf[:0], "</"...), prefix...), name...)
	from := 0
	for {
		data := s.buf[s.pos:s.end]
		if i := bytes.Index(data[from:], end); i >= 0 {
			i += from
			rest := data[i+len(end):]
			j := bytes.IndexByte(rest, '>')
			if j >= 0 && len(bytes.TrimSpace(rest[:j])) == 0 {
				s.pos += i + len(end) + j + 1
				return data[:i], nil
			}
			if j >= 0 {
				from = i + 1 // </cx> is not </c>
				continue
			}
		}
		if s.eof {
			return nil, io.ErrUnexpectedEOF
		}
		from = max(0, len(data)-len(end)-64)
		if err := s.fill(); err != nil && err != io.EOF {
			return nil, err
		}
	}
}

// tagEnd finds the '>' that ends a comment, CDATA section, declaration
// or processing instruction at data[0]; -1 when data ends first.
func tagEnd(data []byte) int {
	switch {
	case bytes.HasPrefix(data, []byte("<!--")):
		if i := bytes.Index(data[4:], []byte("-->")); i >= 0 {
			return i + 6
		}
		return -1
	case bytes.HasPrefix(data, []byte("<![CDATA[")):
		if i := bytes.Index(data[9:], []byte("]]>")); i >= 0 {
			return i + 11
		}
		return -1
	}
	var quote byte
	for i := 1; i < len(data); i++ {
		switch c := data[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// qualifiedName splits a tag's name into its local name (interned) and
// its prefix with the colon.
func qualifiedName(b []byte) (string, []byte) {
	var prefix []byte
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		prefix, b = b[:i+1], b[i+1:]
	}
	return localName(b), prefix
}

// localName interns the few names the reader knows; any other is
// "other".
func localName(b []byte) string {
	switch string(b) {
	case "c":
		return "c"
	case "v":
		return "v"
	case "row":
		return "row"
	case "t":
		return "t"
	case "is":
		return "is"
	case "si":
		return "si"
	case "rPh":
		return "rPh"
	case "f":
		return "f"
	}
	return "other"
}

// readAhead inflates a sheet on a goroutine of its own while the rows are
// read, so that the two take the time of the slower rather than the sum
// (a 100,000-row sheet inflates to about 150 MB).
type readAhead struct {
	chunks chan []byte
	free   chan []byte
	done   chan struct{}
	err    error  // set before chunks is closed
	cur    []byte // the unread part of whole
	whole  []byte
	rc     io.ReadCloser
}

func newReadAhead(rc io.ReadCloser) *readAhead {
	const n, size = 4, 256 << 10
	r := &readAhead{chunks: make(chan []byte, n), free: make(chan []byte, n+2), done: make(chan struct{}), rc: rc}
	for range n + 2 {
		r.free <- make([]byte, size)
	}
	go func() {
		defer close(r.chunks)
		for {
			var buf []byte
			select {
			case buf = <-r.free:
			case <-r.done:
				return
			}
			n, err := io.ReadFull(rc, buf)
			if n > 0 {
				select {
				case r.chunks <- buf[:n]:
				case <-r.done:
					return
				}
			}
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				r.err = io.EOF
				return
			}
			if err != nil {
				r.err = err
				return
			}
		}
	}()
	return r
}

func (r *readAhead) Read(p []byte) (int, error) {
	if len(r.cur) == 0 {
		buf, ok := <-r.chunks
		if !ok {
			return 0, r.err
		}
		r.cur, r.whole = buf, buf
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	if len(r.cur) == 0 {
		r.free <- r.whole[:cap(r.whole)]
	}
	return n, nil
}

// Close stops the goroutine and closes the part.
func (r *readAhead) Close() error {
	close(r.done)
	for range r.chunks {
	}
	return r.rc.Close()
}
