package config

import (
	"strconv"
	"strings"
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
