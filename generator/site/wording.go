// The wording of the pages, from the theme's wording.toml, where a report
// project may change it.

package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"text/template"

	"github.com/BurntSushi/toml"

	"github.com/renewals/renewals/generator/diag"
	"github.com/renewals/renewals/themes"
)

// WordingFile is the theme file that holds the pages' wording.
const WordingFile = "wording.toml"

// Wording holds the sentences of the pages by key ("renewals.lead"), each
// a Go text/template.
type Wording map[string]*template.Template

// WordingError is a problem with a wording file, at its place.
type WordingError struct {
	File string
	Line int
	Msg  string
}

func (e *WordingError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

var wordingFuncs = template.FuncMap{"plural": plural, "thousands": thousands}

// defaultWording is the built-in theme's wording, read once.
var defaultWording = sync.OnceValues(func() (Wording, error) {
	data, err := fs.ReadFile(themes.FS, "default/"+WordingFile)
	if err != nil {
		return nil, err
	}
	w, errs := ParseWording(nil, "built-in theme: "+WordingFile, data)
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return w, nil
})

// DefaultWording returns the built-in theme's wording.
func DefaultWording() Wording {
	w, err := defaultWording()
	if err != nil {
		panic("the built-in theme's wording: " + err.Error()) // a broken binary; TestDefaultWording catches it
	}
	return w
}

// ParseWording reads a wording file (name is its path, for messages) over
// base: the file's keys replace base's, which keeps the rest. With a base,
// a key it does not have is an error, with the closest key it has.
func ParseWording(base Wording, name string, data []byte) (Wording, []error) {
	var raw map[string]map[string]string
	if _, err := toml.Decode(string(data), &raw); err != nil {
		line := 0
		if pe, ok := err.(toml.ParseError); ok {
			line = pe.Position.Line
		}
		return base, []error{&WordingError{File: name, Line: line, Msg: err.Error()}}
	}
	w := Wording{}
	for k, t := range base {
		w[k] = t
	}
	var errs []error
	tables := make([]string, 0, len(raw))
	for t := range raw {
		tables = append(tables, t)
	}
	slices.Sort(tables)
	for _, table := range tables {
		keys := make([]string, 0, len(raw[table]))
		for k := range raw[table] {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			key := table + "." + k
			line := lineOf(data, table, k)
			if base != nil && base[key] == nil {
				msg := fmt.Sprintf("unknown wording key %s", key)
				if s := diag.Suggest(key, slices.Sorted(maps.Keys(base))); s != "" {
					msg += fmt.Sprintf(" (did you mean %s?)", s)
				}
				errs = append(errs, &WordingError{File: name, Line: line, Msg: msg})
				continue
			}
			t, err := template.New(key).Funcs(wordingFuncs).Option("missingkey=error").Parse(raw[table][k])
			if err != nil {
				errs = append(errs, &WordingError{File: name, Line: line, Msg: fmt.Sprintf("%s: %v", key, err)})
				continue
			}
			w[key] = t
		}
	}
	return w, errs
}

// lineOf finds the line of key in [table] of a TOML file, for messages.
func lineOf(data []byte, table, key string) int {
	in := false
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "["):
			in = strings.Trim(l, "[] ") == table
		case in && strings.HasPrefix(l, key) && strings.HasPrefix(strings.TrimSpace(l[len(key):]), "="):
			return i + 1
		}
	}
	return 0
}

// wording returns the input's wording, or the built-in theme's.
func (in *Input) wording() Wording {
	if in.Wording != nil {
		return in.Wording
	}
	return DefaultWording()
}

// heading is the heading of the section with id, from [headings].
func (b *builder) heading(id string) string { return b.say("headings."+id, nil) }

// label is the label of a headline figure, from [labels].
func (b *builder) label(key string) string { return b.say("labels."+key, nil) }

// caption is the caption of a table, from [captions].
func (b *builder) caption(key string) string { return b.say("captions."+key, nil) }

// say writes the wording of key with data. The built-in theme has every
// key the pages use, and a project's file only replaces keys, so a key is
// never missing; a template that fails, on a field it names that the page
// does not give, is an error of the build.
func (b *builder) say(key string, data any) string {
	t := b.wording[key]
	if t == nil {
		b.sayErr = append(b.sayErr, fmt.Errorf("%s: no wording %s", WordingFile, key))
		return ""
	}
	var out bytes.Buffer
	if err := t.Execute(&out, data); err != nil {
		b.sayErr = append(b.sayErr, &WordingError{File: WordingFile, Msg: err.Error()})
		return ""
	}
	return out.String()
}
