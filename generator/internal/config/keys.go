package config

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/renewals/renewals/generator/diag"
)

// keyPos is where one key is written in the TOML text.
type keyPos struct {
	path  string // "snapshot[1].date": array-of-table elements are numbered from 0
	plain string // "snapshot.date": the same without element numbers
	line  int
	col   int
	text  string // the whole line
}

// scanKeys finds where each key is written. BurntSushi/toml decodes
// values but does not expose key positions, and a user needs to know which
// line of the config to fix. It understands tables, arrays of tables,
// dotted and quoted keys, and skips multi-line strings and arrays.
func scanKeys(src string) []keyPos {
	var out []keyPos
	prefix, plainPrefix := "", ""
	counts := map[string]int{}
	inString := "" // the delimiter of an open multi-line string
	depth := 0     // open brackets of a multi-line array
	for i, line := range strings.Split(src, "\n") {
		n := i + 1
		if inString != "" {
			if strings.Contains(line, inString) {
				inString = ""
			}
			continue
		}
		trimmed := strings.TrimSpace(line)
		if depth > 0 {
			depth += bracketDepth(trimmed)
			continue
		}
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		if strings.HasPrefix(trimmed, "[[") {
			name := keyName(strings.TrimSuffix(strings.TrimPrefix(trimmed, "[["), "]]"))
			name = strings.TrimSpace(strings.SplitN(name, "]]", 2)[0])
			idx := counts[name]
			counts[name]++
			prefix = name + "[" + strconv.Itoa(idx) + "]."
			plainPrefix = name + "."
			out = append(out, keyPos{path: strings.TrimSuffix(prefix, "."), plain: name, line: n, col: indent + 1, text: line})
			continue
		}
		if strings.HasPrefix(trimmed, "[") {
			name := keyName(strings.SplitN(strings.TrimPrefix(trimmed, "["), "]", 2)[0])
			prefix, plainPrefix = name+".", name+"."
			out = append(out, keyPos{path: name, plain: name, line: n, col: indent + 1, text: line})
			continue
		}
		eq := strings.IndexByte(trimmed, '=')
		if eq < 0 {
			continue
		}
		key := keyName(trimmed[:eq])
		out = append(out, keyPos{path: prefix + key, plain: plainPrefix + key, line: n, col: indent + 1, text: line})
		value := strings.TrimSpace(trimmed[eq+1:])
		for _, q := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, q) && !strings.Contains(value[3:], q) {
				inString = q
			}
		}
		if strings.HasPrefix(value, "[") {
			depth = bracketDepth(value)
		}
	}
	return out
}

// keyName normalises a written key: it drops spaces around dots and the
// quotes of quoted parts.
func keyName(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// bracketDepth counts [ minus ] outside strings and comments.
func bracketDepth(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return d
		case c == '[':
			d++
		case c == ']':
			d--
		}
	}
	return d
}

var lastKey = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): `)

// decodeError turns a toml error into a positioned diagnostic.
func (l *loader) decodeError(err error) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
			msg = plainKey(pe.LastKey) + ": " + msg
		}
		l.diags.Errorf(diag.Pos{File: l.name, Line: pe.Position.Line, Col: pe.Position.Col}, "%s", msg)
		return
	}
	msg := err.Error()
	pos := diag.Pos{File: l.name}
	if m := lastKey.FindStringSubmatch(msg); m != nil {
		msg = plainKey(m[2]) + ": " + msg[len(m[0]):]
		pos = l.pos(m[2])
		if pos.Line == 0 && m[1] != "" {
			pos.Line, _ = strconv.Atoi(m[1])
		}
	}
	l.diags.Errorf(pos, "%s", strings.TrimPrefix(msg, "toml: "))
}

func plainKey(k string) string {
	parts := strings.Split(k, ".")
	return parts[len(parts)-1]
}

// pos finds where a key is written; path may carry element numbers
// ("snapshot[1].date") or not ("advice.horizon_days").
func (l *loader) pos(path string) diag.Pos {
	for _, k := range l.keys {
		if k.path == path || k.plain == path {
			return diag.Pos{File: l.name, Line: k.line, Col: k.col}
		}
	}
	return diag.Pos{File: l.name}
}

// valuePos finds where a string value of a key is written, for messages
// about one entry of a list.
func (l *loader) valuePos(path, value string) diag.Pos {
	p := l.pos(path)
	if p.Line == 0 {
		return p
	}
	lines := strings.Split(l.src, "\n")
	for i := p.Line - 1; i < len(lines) && i < p.Line+50; i++ {
		for _, q := range []string{`"` + value + `"`, `'` + value + `'`} {
			if c := strings.Index(lines[i], q); c >= 0 {
				return diag.Pos{File: l.name, Line: i + 1, Col: c + 1}
			}
		}
	}
	return p
}

// tables lists the known keys of each table, from the struct tags.
var tables = map[string][]string{
	"":            tagNames(file{}),
	"advice":      tagNames(adviceFile{}),
	"snapshot":    tagNames(snapFile{}),
	"quotes":      tagNames(quoteSrc{}),
	"criticality": tagNames(critSrc{}),
}

func tagNames(v any) []string {
	t := reflect.TypeOf(v)
	out := make([]string, t.NumField())
	for i := range out {
		out[i] = t.Field(i).Tag.Get("toml")
	}
	return out
}

func (l *loader) unknownKeys(keys []toml.Key) {
	seen := map[int]bool{}
	for _, k := range keys {
		table, name := "", k[len(k)-1]
		if len(k) > 1 {
			table = strings.Join(k[:len(k)-1], ".")
		}
		known, isTable := tables[table]
		if !isTable {
			continue // reported at its parent, which is unknown too
		}
		pos := diag.Pos{File: l.name}
		for i, kp := range l.keys {
			if kp.plain == k.String() && !seen[i] {
				seen[i] = true
				pos = diag.Pos{File: l.name, Line: kp.line, Col: kp.col}
				break
			}
		}
		where := "at the top level"
		if table != "" {
			where = "in [" + table + "]"
			if table == "snapshot" || table == "quotes" {
				where = "in [[" + table + "]]"
			}
		}
		d := diag.Diagnostic{Pos: pos, Severity: diag.Error, Msg: fmt.Sprintf("unknown key %q %s", name, where)}
		if s := diag.Suggest(name, known); s != "" {
			d.Msg += fmt.Sprintf(" (did you mean %q?)", s)
		} else {
			d.Notes = []string{"known keys: " + strings.Join(known, ", ")}
		}
		l.diags.Add(d)
	}
}

func (l *loader) errorf(path, format string, args ...any) {
	l.diags.Errorf(l.pos(path), format, args...)
}
