package analyze

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestLayout: figures.json's layout keeps the value exactly (strings with
// quotes, escapes, brackets, commas and colons in them) and writes short
// objects and lists of values on one line.
func TestLayout(t *testing.T) {
	t.Parallel()
	v := map[string]any{
		"serials": []string{"A,1", `B"]`, "C:{x}", `D\`},
		"short":   map[string]any{"a": 1, "b": "x, y"},
		"long": []any{
			map[string]any{"k": strings.Repeat("v", 400), "n": nil, "e": []int{}, "o": map[string]any{}},
			map[string]any{"k": "w"},
		},
		"n": 1.5, "t": true,
	}
	compact, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	l := layouter{src: compact, spans: containers(compact)}
	l.value(0, 0)
	got := l.dst
	var back, want any
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatalf("%v:\n%s", err, got)
	}
	json.Unmarshal(compact, &want)
	a, _ := json.Marshal(back)
	b, _ := json.Marshal(want)
	if !bytes.Equal(a, b) {
		t.Errorf("the layout changes the value:\n%s", got)
	}
	for _, line := range []string{
		`  "serials": ["A,1", "B\"]", "C:{x}", "D\\"],`,
		`  "short": {"a": 1, "b": "x, y"},`,
		`    {"k": "w"}`,
	} {
		if !strings.Contains(string(got), line+"\n") {
			t.Errorf("no line %s in\n%s", line, got)
		}
	}
}
